package io.alchemy.core.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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

  /**
   * A fingerprint of the data in {@code dataDirectory} as a stopped server left it, read without
   * starting one. It must change whenever the data may have changed: a server running on it
   * (also one started by hand, or left by a killed session), the directory deleted, restored or
   * re-initialized, its files edited or removed. With {@link #previousAddressFree} it lets a
   * single run find the resources of this kind unchanged without starting the server: the
   * fingerprint taken when the last run stopped the server must equal the one now.
   *
   * @return empty when it cannot tell (the default): then every run with a resource of this kind
   *     starts the server to look
   */
  default Optional<String> fingerprint(Path dataDirectory) throws IOException {
    return Optional.empty();
  }

  /**
   * Whether a server started now would listen where the previous one on this data directory did
   * (e.g. its {@link RememberedPort} is free), so that the addresses outputs recorded still hold.
   * Must not start anything. False by default.
   */
  default boolean previousAddressFree(LocalServerContext context) {
    return false;
  }
}
