package io.alchemy.core.local;

/**
 * Starts a {@link LocalServer} of one kind. Implementations are found with {@link
 * java.util.ServiceLoader}: list them in {@code
 * META-INF/services/io.alchemy.core.local.LocalServerFactory}. In Maven, the module that holds one
 * goes into the {@code <dependencies>} of {@code alchemy-maven-plugin}, so it never ends up in the
 * application.
 *
 * @param <C> the credentials type that names the kind, e.g. {@link
 *     io.alchemy.core.credentials.PostgresCredentials}
 */
public interface LocalServerFactory<C> {

  /** The kind of server: providers ask {@link io.alchemy.core.Scope#localServer} for this type. */
  Class<C> credentialsType();

  /** A short name for directories and logs, e.g. {@code postgres}. */
  String name();

  /**
   * Starts the server and returns once it accepts connections. A server left running by a session
   * that was killed must be dealt with here (stopped, or taken over).
   */
  LocalServer<C> start(LocalServerContext context) throws Exception;
}
