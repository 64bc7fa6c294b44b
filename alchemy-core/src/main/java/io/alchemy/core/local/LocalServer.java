package io.alchemy.core.local;

/**
 * A server started for one local session in place of a deployed one, e.g. an embedded PostgreSQL
 * standing in for the production database. Closed when the session ends.
 *
 * @param <C> how providers reach it, e.g. {@link io.alchemy.core.credentials.PostgresCredentials}
 */
public interface LocalServer<C> extends AutoCloseable {

  /** How to reach the running server, in the form the providers of its kind take. */
  C credentials();

  /** What runs where, for the log, e.g. {@code embedded PostgreSQL on localhost:54321}. */
  String description();

  /**
   * Whether this server listens where the previous server on its data directory did (e.g. on its
   * {@link RememberedPort}), so that addresses recorded with its data still hold. False by
   * default: then a later run checks again what it recorded.
   */
  default boolean listensAsBefore() {
    return false;
  }

  /** Stops the server; what it stored stays for the next session. */
  @Override
  void close() throws Exception;
}
