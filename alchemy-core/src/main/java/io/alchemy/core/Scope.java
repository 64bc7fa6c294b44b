package io.alchemy.core;

import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.process.Spawn;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.Secret;
import java.util.List;
import java.util.Optional;

/**
 * A node of the scope tree {@code app / stage / child / ...}: a namespace for resources, with its
 * own persisted key/value state.
 *
 * <p>The root scope is the app ({@code my-app}), its only child the stage ({@code dev}); an
 * {@link InfrastructureDefinition} receives the stage scope and opens child scopes with {@link
 * #run(String, ScopeBody)}. A resource's fully qualified name is the chain of scope names plus its
 * id: {@code my-app/dev/storage/images}.
 *
 * <p>Orphans (resources in state that a run did not declare, including whole child scopes it did
 * not enter) are deleted when the run finalizes, unless the scope, one of its descendants or the
 * run itself failed.
 */
public interface Scope {

  /** The app name, the name of the root scope. */
  String appName();

  /** The stage, e.g. {@code dev} or {@code prod}. */
  String stage();

  /** This scope's own name: the app name for the root, the stage for the stage scope. */
  String name();

  /** Same as {@link #name()}; kept for readers of the Alchemy documentation. */
  String scopeName();

  /** Scope names from the root down to this scope, e.g. {@code [my-app, prod, database]}. */
  List<String> chain();

  /** The parent scope; empty only for the root scope. */
  Optional<Scope> parent();

  /** The phase this scope runs in. */
  Phase phase();

  /** Whether resources should use local alternatives instead of deployed ones. */
  boolean local();

  /** Whether this run keeps watching for changes. */
  boolean watch();

  /** Whether per-resource progress lines are suppressed. */
  boolean quiet();

  /** Whether resources that already exist but are not in state are adopted. */
  boolean adopt();

  /**
   * The credentials providers use in this scope: the parent's, with what this scope's {@link
   * ScopeOptions} override. Never written to state.
   */
  ProviderCredentials providerCredentials();

  /**
   * The fully qualified name of {@code id} in this scope: {@code chain} and id joined by {@code /}.
   */
  String fqn(String id);

  /**
   * Declares a resource in this scope and returns its output.
   *
   * <p>In {@link Phase#UP} the resource is created, updated or replaced as its props require;
   * unchanged props call no provider. In {@link Phase#READ} the recorded output is returned and a
   * resource missing from state is an error. In {@link Phase#DESTROY} nothing is created: the
   * recorded output is returned, or {@code null} when there is none.
   *
   * @param id unique within this scope; no {@code / \ :}, no {@code ..}, no control characters
   * @param provider what implements the resource type
   * @param props desired properties, a record serializable by Jackson
   * @return the resource's output
   * @throws Exception what the provider threw, or an {@link AlchemyException} for bad input
   */
  default <P, O> O resource(String id, ResourceProvider<P, O> provider, P props)
      throws Exception {
    return resource(id, provider, props, ResourceOptions.defaults());
  }

  /**
   * Declares a resource in this scope with {@code options}, e.g. {@link
   * ResourceOptions#importing(String)} to take over an existing thing by its id, and returns its
   * output. Otherwise as {@link #resource(String, ResourceProvider, Object)}.
   */
  <P, O> O resource(String id, ResourceProvider<P, O> provider, P props, ResourceOptions options)
      throws Exception;

  /**
   * Wraps a sensitive value: it is encrypted with this scope's password wherever it is stored,
   * and masked wherever it is printed.
   */
  default Secret secret(String value) {
    return Secret.of(value);
  }

  /**
   * Starts a long-running process and returns the value its output yields (see {@link Spawn}),
   * e.g. a dev server's URL. The process is stopped when the JVM exits, when the spawn leaves the
   * code, and by destroy.
   *
   * @return what {@code extract} matched, or {@code null} without one
   */
  default String spawn(String id, Spawn.Props props) throws Exception {
    Spawn.Output output = resource(id, Spawn.provider(), props);
    return output == null ? null : output.value();
  }

  /**
   * In local mode, the credentials of a server started for this session in place of a deployed
   * one, e.g. {@code scope.localServer(PostgresCredentials.class)} for an embedded PostgreSQL.
   * The server starts on first use, keeps its data under {@code target/alchemy/local/<app>/<stage>}
   * between sessions, and stops when the session ends. The shipped providers call this themselves
   * in local mode, when a resource needs it: a single run whose resources of that kind are all
   * unchanged may not start it. A definition that uses the server itself (connects to a database
   * whose output it got, hands a JDBC URL to a spawned dev server or a command) asks for it here
   * first, which starts it if needed.
   *
   * @param credentialsType the kind of server, e.g. {@link
   *     io.alchemy.core.credentials.PostgresCredentials}
   * @throws AlchemyException when not in local mode, when no module providing that kind of server
   *     is installed (the message says which to add), or when it does not start
   */
  <C> C localServer(Class<C> credentialsType);

  /** Runs {@code body} in the child scope {@code name} with inherited options. */
  void run(String name, ScopeBody body) throws Exception;

  /** Runs {@code body} in the child scope {@code name} with the given options. */
  void run(String name, ScopeOptions options, ScopeBody body) throws Exception;

  /**
   * Runs {@code body} in the child scope {@code name} and returns what it returns. A separate name
   * from {@code run} so that lambdas never make the call ambiguous.
   */
  <T> T call(String name, ScopeFunction<T> body) throws Exception;

  /** Like {@link #call(String, ScopeFunction)}, with options for the child scope. */
  <T> T call(String name, ScopeOptions options, ScopeFunction<T> body) throws Exception;

  /**
   * Starts {@code work} beside the code that follows, in this scope, and returns at once; {@link
   * Pending#get()} waits for its value. Up to {@code alchemy.parallelism} provider calls (default
   * 10) run at once; with a parallelism of 1 the work runs right here, before {@code async}
   * returns. A definition that never calls {@code async}, {@link #forEach} or {@link #map} runs
   * exactly as written, one resource after another.
   *
   * <p>Structured like {@code Promise.all}: this scope's body does not return while the work is
   * still running, and nothing outlives the run. Work that fails fails this scope (no orphans
   * are deleted in it or its parents), and no new provider call starts in this scope's tree;
   * calls already running finish and are recorded, and unrelated scopes finish their work.
   *
   * <pre>{@code
   * Pending<Role.Output> user = scope.async(s -> Role.declare(s, "app-user", Role.props("app_user")));
   * Database.declare(scope, "app-db", Database.props("app").owner(user.get().name()));
   * }</pre>
   *
   * @param work what to run; it receives this scope
   * @return the running work
   */
  <T> Pending<T> async(ScopeFunction<T> work);

  /**
   * Runs {@code body} once per item, all at once (up to {@code alchemy.parallelism} provider
   * calls), and returns when every one has finished. Each run comes after what was declared
   * before this call, and what follows comes after all of them.
   *
   * <pre>{@code
   * scope.forEach(List.of("eu", "us"), (s, region) -> s.run(region, r -> {
   *   TextFile.declare(r, "config", TextFile.props("target/" + region + ".json", "{}"));
   * }));
   * }</pre>
   *
   * @throws Exception the first failure (in time) once every item has finished, as {@link
   *     Pending#get()} throws it
   */
  <T> void forEach(Iterable<? extends T> items, ItemBody<T> body) throws Exception;

  /**
   * Like {@link #forEach}, and returns what {@code function} returned for each item, in the
   * order of the items.
   */
  <T, R> List<R> map(Iterable<? extends T> items, ItemFunction<T, R> function) throws Exception;

  /**
   * Stores a value in this scope's own state, persisted across runs and invisible to other
   * scopes. The value must be serializable by Jackson; {@code null} deletes the key.
   */
  void set(String key, Object value);

  /**
   * Reads a value from this scope's state.
   *
   * @return the value, or empty when this scope has no such key (other scopes' keys never show)
   */
  <T> Optional<T> get(String key, Class<T> type);

  /** Removes a key from this scope's state; does nothing when absent. */
  void delete(String key);

  /** {@code {app}-{scopes below the stage}-{id}-{stage}}, joined by {@code -}. */
  String createPhysicalName(String id);

  /** Like {@link #createPhysicalName(String)} with another delimiter. */
  String createPhysicalName(String id, String delimiter);

  /**
   * A deterministic physical name no longer than {@code maxLength}. Names that fit and need no
   * character replaced are returned as they are; otherwise a readable prefix is kept and the name
   * ends with a short hash of the full name, so different inputs give different names.
   *
   * @throws IllegalArgumentException when {@code maxLength} is too small to hold a hash (under 10)
   */
  String createPhysicalName(String id, String delimiter, int maxLength);

  /**
   * Runs {@code work} when the run finalizes, before orphans are looked for; deferred work runs in
   * the order it was registered.
   */
  void defer(Deferred work);

  /**
   * Runs {@code handler} when the run ends, after finalization, also when it failed. Handlers run
   * once, in reverse order of registration; one handler's failure does not stop the others.
   */
  void onCleanup(Cleanup handler);

  /**
   * Marks this scope failed: it and its ancestors delete no orphans at finalization, and the run
   * fails.
   */
  void fail();

  /** What {@link #forEach} runs for each item. */
  @FunctionalInterface
  interface ItemBody<T> {
    /**
     * Declares what one item needs.
     *
     * @param scope the scope {@code forEach} was called on
     * @param item the item
     */
    void accept(Scope scope, T item) throws Exception;
  }

  /** What {@link #map} runs for each item. */
  @FunctionalInterface
  interface ItemFunction<T, R> {
    /**
     * Declares what one item needs and returns a value for it.
     *
     * @param scope the scope {@code map} was called on
     * @param item the item
     */
    R apply(Scope scope, T item) throws Exception;
  }

  /** Work run at finalization. */
  @FunctionalInterface
  interface Deferred {
    /** Does the work. */
    void run() throws Exception;
  }

  /** A cleanup handler. */
  @FunctionalInterface
  interface Cleanup {
    /** Releases what the scope held. */
    void run() throws Exception;
  }
}
