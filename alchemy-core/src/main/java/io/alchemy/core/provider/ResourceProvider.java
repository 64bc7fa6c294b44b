package io.alchemy.core.provider;

import java.util.List;
import java.util.Optional;

/**
 * Implements one resource type: how to create, update, delete and read it.
 *
 * <p>Props and outputs are plain Java records that Jackson can write to and read from state.
 * The engine decides what to do by comparing the desired props with the recorded ones, so a
 * provider is only called when something must change. Register providers in {@code
 * META-INF/services/io.alchemy.core.provider.ResourceProvider} so that orphans whose type no
 * longer appears in code can still be deleted.
 *
 * <p>Implementations must be safe to call from several threads for different resources.
 *
 * @param <P> the props record
 * @param <O> the output record
 */
public interface ResourceProvider<P, O> {

  /** The stable type name stored in state, e.g. {@code fs::TextFile}. Never change it. */
  String type();

  /** The props class, used to read recorded props back from state. */
  Class<P> propsType();

  /** The output class, used to read recorded outputs back from state. */
  Class<O> outputType();

  /**
   * Creates the resource. Called again with the same props when an earlier run crashed while
   * creating it, so creating what already exists (as these props describe it) must succeed.
   *
   * @throws ResourceExistsException when something of that name exists that this resource did
   *     not create (a conflict): the engine adopts it in adopt mode, and fails otherwise
   */
  O create(ResourceContext context, P props) throws Exception;

  /**
   * Refuses props that cannot work, before anything is recorded or made: a file's path below
   * another file, a name the service would reject. The engine calls it before it records a
   * create or a replacement, so a refusal changes nothing, in state or outside. By default it
   * accepts everything.
   *
   * @throws Exception saying what is wrong with the props and how to fix them
   */
  default void check(ResourceContext context, P props) throws Exception {}

  /**
   * Takes over an existing thing that {@link #read} found, bringing it to {@code props}. Nothing
   * may be deleted or recreated. By default an update from the desired props to themselves,
   * which suits providers whose update sets every prop.
   */
  default O adopt(ResourceContext context, P props, O existing) throws Exception {
    return update(context, props, props, existing);
  }

  /** Changes the resource in place from {@code oldProps} to {@code newProps}. */
  O update(ResourceContext context, P oldProps, P newProps, O oldOutput) throws Exception;

  /**
   * Deletes the resource. Must succeed when it is already gone. {@code output} is {@code null}
   * when an earlier run crashed before creation finished.
   */
  void delete(ResourceContext context, P props, O output) throws Exception;

  /**
   * Predicts, for a plan, the output that {@code create} or {@code update} would return for
   * {@code props}, without calling anything that changes the world. Fill in what follows from the
   * props (a file's path and hash, a database's name and URL, a bucket's ARN) and put {@link
   * io.alchemy.core.plan.Unknowns#marker(String, String) Unknowns.marker(context.fqn(), "field")}
   * in string fields only the call can tell (an id a cloud assigns); such values print as {@code
   * (known after up)} and flow into later props. By default ({@code null}) every string field is
   * unknown and every other field has its default value.
   *
   * @param previous the recorded output for an update (or an update a stopped run left
   *     unfinished); {@code null} for a create or a replacement, which makes a new instance
   */
  default O predict(ResourceContext context, P props, O previous) throws Exception {
    return null;
  }

  /**
   * Reads the resource as it really is, for adoption: what a create found already there, taken
   * over in adopt mode. Drift detection uses {@link #readLive}.
   *
   * @return the current output, or empty when it does not exist or the provider cannot tell
   */
  default Optional<O> read(ResourceContext context, P props) throws Exception {
    return Optional.empty();
  }

  /**
   * Reads the resource as it really is, to find drift: what someone changed or deleted outside
   * Alchemy. The engine calls it only when asked ({@code -Dalchemy.refresh}, {@code
   * Alchemy.builder().refresh(true)}, {@code alchemy:drift}), for resources state says exist, and
   * compares the props returned with the recorded ones: a difference is drift, which {@code up}
   * repairs by updating from the live props to the declared ones, and {@link Live#missing()} is a
   * resource deleted outside Alchemy, which {@code up} creates again. The live output returned
   * replaces the recorded one. It must change nothing, and is called from several threads.
   *
   * <p>Return {@link Live#found} with the props as they really are for every prop this provider
   * can read, and the recorded value for one it cannot (a password no server gives back); {@link
   * Live#missing()} when it no longer exists; {@link Live#notRead} when there is nothing to read
   * (a command) or state is the truth (a random value). By default nothing is read.
   *
   * @param props the props recorded for it, as last applied
   * @param output the output recorded for it
   */
  default Live<P, O> readLive(ResourceContext context, P props, O output) throws Exception {
    return Live.notRead(type() + " does not read live resources");
  }

  /**
   * Finds an existing thing by its id in the outside world, to import it into state ({@link
   * io.alchemy.core.ResourceOptions#importing(String)}): a role's or a bucket's name, an object's
   * {@code bucket/key}, a file's path. The engine records what this returns as the resource,
   * without creating anything, then updates it to the declared props if they differ (a plan
   * shows that). It must change nothing.
   *
   * <p>Return {@link Live#found} with the thing's props as they really are, so the difference
   * from the declared props shows; for a prop that cannot be read, the value that makes the
   * update set it (e.g. {@code null} for a password), or the declared one when it cannot be set
   * either. {@link Live#missing()} when nothing has that id; {@link Live#notRead} when this type
   * cannot import, which it does not by default. The engine refuses an import whose thing the
   * declared props would replace rather than update (another name): that would delete what was
   * imported.
   *
   * @param importId the id as the definition gives it
   * @param props the declared props
   */
  default Live<P, O> readById(ResourceContext context, String importId, P props)
      throws Exception {
    return Live.notRead(type() + " cannot import existing things");
  }

  /**
   * Whether this resource may be declared in local mode ({@code -Dalchemy.local}, {@code
   * alchemy:dev}), which never touches deployed resources: {@code true} for resources that are
   * local anyway (files, processes) or bring a local alternative. In local mode the engine refuses
   * the others with a clear error before anything is recorded or called.
   */
  default boolean worksLocally() {
    return true;
  }

  /**
   * The kinds of local server (credentials types, see {@link io.alchemy.core.Scope#localServer})
   * this provider uses in local mode, e.g. {@code PostgresCredentials}. The engine finds their
   * factories before it records anything for the resource, and starts them before it calls the
   * provider for it, so a missing module or a server that does not start changes nothing. It
   * records the generation of each server's data with the resource: in a later single run (not
   * a session of several runs) an unchanged resource whose servers' data provably rests as it was
   * then is reported unchanged without starting them, and {@link #gone} is not asked. None by
   * default.
   */
  default List<Class<?>> localServers() {
    return List.of();
  }

  /**
   * The name of the thing in the outside world (a bucket's or database's name), shown in logs,
   * e.g. as {@code old -> new} when a resource is replaced. {@code output} is {@code null} before
   * creation. By default none.
   */
  default String physicalName(P props, O output) {
    return null;
  }

  /**
   * What this instance is in the outside world, such that two instances of this type with the
   * same identity are the same thing: a file's absolute path, a bucket's name. The engine uses it
   * to prove ownership: it never deletes an old instance or an orphan whose identity a current
   * record of the stage holds (it hands the thing over instead), and a create that finds its
   * thing already there takes it over without adopt mode when another record of the stage owns
   * that identity. {@code output} is {@code null} before creation. By default the {@link
   * #physicalName physical name}; {@code null} means unknown, and then only equal props make two
   * instances of one resource the same thing.
   */
  default String identity(ResourceContext context, P props, O output) {
    return physicalName(props, output);
  }

  /**
   * Whether a resource whose props did not change is gone all the same and must be created
   * again, e.g. a spawned process that ended with the JVM that started it. Called on every run
   * for unchanged resources, so it must be cheap; the default says no without looking.
   */
  default boolean gone(ResourceContext context, P props, O output) {
    return false;
  }

  /**
   * Whether going from {@code oldProps} to {@code newProps} needs a new resource. The engine then
   * creates the new one and deletes the old one when the run finalizes successfully.
   */
  default boolean requiresReplacement(P oldProps, P newProps) {
    return false;
  }

  /**
   * Whether a replacement must delete the old instance before creating the new one, for things
   * of which two cannot exist at once. The default, {@code false}, creates first and deletes the
   * old one at finalization, so a failure leaves the old one in place.
   */
  default boolean deleteBeforeReplace() {
    return false;
  }

  /**
   * Like {@link #deleteBeforeReplace()}, for providers where it depends on what changed (e.g. a
   * database whose name stays and whose encoding changes). The engine calls this one.
   */
  default boolean deleteBeforeReplace(P oldProps, P newProps) {
    return deleteBeforeReplace();
  }
}
