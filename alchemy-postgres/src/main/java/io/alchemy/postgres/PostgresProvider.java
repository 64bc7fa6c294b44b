package io.alchemy.postgres;

import io.alchemy.core.Phase;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.PostgresCredentials;
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
   * Checks the names in {@code props}; a bad one fails naming {@code resource} (or the object,
   * when {@code null}), before any SQL.
   */
  abstract void validate(String resource, P props);

  /** Declares a resource of this type: in phase UP, a bad name fails before anything is recorded. */
  O declareIn(Scope scope, String id, P props) throws Exception {
    if (scope.phase() == Phase.UP) {
      validate("Resource " + scope.fqn(id) + " (" + type() + ")", props);
    }
    return scope.resource(id, this, props);
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
