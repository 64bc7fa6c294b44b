package io.alchemy.postgres;

import io.alchemy.core.Phase;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.TypedResourceProvider;
import java.util.List;

/**
 * What {@link Role}, {@link Database} and {@link Schema} share in local mode: they run on the
 * session's embedded PostgreSQL (from {@code alchemy-postgres-local}), and a recorded one missing
 * there is created again.
 *
 * @param <P> the props record
 * @param <O> the output record, which names the server it was made on
 */
abstract class PostgresProvider<P, O extends PostgresProvider.OnServer>
    extends TypedResourceProvider<P, O> {

  /** An output that records the server its object lives on, {@code host:port}. */
  interface OnServer {
    /** The server, {@code host:port}. */
    String server();
  }

  PostgresProvider(String type, Class<P> propsType, Class<O> outputType) {
    super(type, propsType, outputType);
  }

  /**
   * A name in props and what it names.
   *
   * @param kind {@code role}, {@code database}, {@code schema}, {@code owner role}, or {@link
   *     #ENCODING} for an encoding name
   * @param value the name as the props hold it
   */
  record Name(String kind, String value) {}

  /** The kind of {@link Name} that is an encoding, such as {@code UTF8}. */
  static final String ENCODING = "encoding";

  /** The names in {@code props}, each checked before any SQL. */
  abstract List<Name> names(P props);

  /**
   * Checks the names in {@code props}; a bad one fails naming {@code resource} (or the object,
   * when {@code null}), before any SQL.
   */
  final void validate(String resource, P props) {
    for (Name name : names(props)) {
      check(resource, name);
    }
  }

  /**
   * Checks the names a plan can judge: all but those that hold a value only up learns (a plan's
   * unknown), which cannot be judged yet.
   */
  final void validateKnown(String resource, P props) {
    for (Name name : names(props)) {
      if (!Unknowns.in(name.value())) {
        check(resource, name);
      }
    }
  }

  private static void check(String resource, Name name) {
    if (name.kind().equals(ENCODING)) {
      PostgresNames.checkEncoding(resource, name.value());
    } else {
      PostgresNames.check(resource, name.kind(), name.value());
    }
  }

  /**
   * Declares a resource of this type: in phase UP, a bad name fails before anything is recorded;
   * a plan refuses it the same way, so that what up would refuse never shows as a change.
   */
  O declareIn(Scope scope, String id, P props) throws Exception {
    String resource = "Resource " + scope.fqn(id) + " (" + type() + ")";
    if (scope.phase() == Phase.UP) {
      validate(resource, props);
    } else if (scope.phase() == Phase.PLAN) {
      validateKnown(resource, props);
    }
    return scope.resource(id, this, props);
  }

  /**
   * The server a prediction names, {@code host:port}: the one the scope's credentials name, taken
   * from configuration. In local mode a plan starts no server: then the recorded one of {@code
   * previous} (as the plan shows unchanged local resources), unknown for a new resource.
   */
  static String predictedServer(ResourceContext context, OnServer previous) {
    if (!context.scope().local()) {
      return Pg.server(context);
    }
    return previous != null ? previous.server() : Unknowns.marker(context.fqn(), "server");
  }

  /**
   * The owner a prediction names: {@code owner} when given, else the administrator the
   * credentials log in as, who creates the object (unknown in local mode, whose server a plan
   * does not start).
   */
  static String predictedOwner(ResourceContext context, String owner) {
    if (owner != null) {
      return owner;
    }
    return context.scope().local() ? Unknowns.marker(context.fqn(), "owner")
        : Pg.credentials(context).username();
  }

  /**
   * What a live read answers without a query when the object was recorded on another server than
   * the one it would ask, or {@code null} when it may ask. In local mode the session's server may
   * have moved to another port, and then the record's object is missing there (as {@link #gone}
   * says). A deployed object recorded on another server is not read: the server the credentials
   * name would call it deleted, and {@code up} would create it again on the wrong server.
   *
   * @param what e.g. {@code role app_user}
   * @param output the recorded output, {@code null} when a create never finished
   */
  static <P, O> Live<P, O> readElsewhere(ResourceContext context, String what, OnServer output) {
    if (output == null || output.server() == null) {
      return null;
    }
    String current = Pg.server(context);
    if (output.server().equals(current)) {
      return null;
    }
    if (context.scope().local()) {
      return Live.missing();
    }
    return Live.notRead(what + " was recorded on the PostgreSQL server " + output.server()
        + ", but the credentials of scope " + String.join("/", context.scope().chain())
        + " point at " + current + ", so it was not looked for there");
  }

  /**
   * An owner as props hold it: {@code null} stands for the administrator the credentials log in
   * as, so an object that user owns reads as {@code null} when the props it is compared with say
   * {@code null}, and shows no difference.
   *
   * @param compared the owner in the props the result is compared with (recorded or declared)
   * @param owner the owner the server names
   * @param currentUser the user the read logged in as
   */
  static String ownerAsProps(String compared, String owner, String currentUser) {
    return compared == null && owner.equals(currentUser) ? null : owner;
  }

  /** In local mode it runs on the session's embedded PostgreSQL. */
  @Override
  public List<Class<?>> localServers() {
    return List.of(PostgresCredentials.class);
  }

  /**
   * In local mode, whether the recorded object is missing from the session's embedded PostgreSQL
   * (moved to another port, or its data deleted), so that it is created again there.
   */
  @Override
  public boolean gone(ResourceContext context, P props, O output) {
    return Pg.goneLocally(context, output == null ? null : output.server(),
        () -> read(context, props).isPresent());
  }
}
