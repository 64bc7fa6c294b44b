package io.alchemy.postgres.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.local.LocalServer;
import io.alchemy.core.local.LocalServerContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server itself: a real PostgreSQL, started, stopped, killed and started again. */
@Timeout(120)
class EmbeddedPostgresFactoryTest {

  @TempDir Path dir;

  private LocalServerContext context() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    return new LocalServerContext("app", "dev", dir.resolve("data"), dir.resolve("postgres.log"));
  }

  private static String query(PostgresCredentials c, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(c.jdbcUrl(c.database()),
            c.username(), "");
        Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  @Test
  void aStoppedServerStartsAgainOnTheSamePortWithItsData() throws Exception {
    int port;
    try (LocalServer<PostgresCredentials> server = new EmbeddedPostgresFactory().start(context())) {
      PostgresCredentials c = server.credentials();
      assertThat(c.host()).isEqualTo("localhost");
      assertThat(c.password()).isNull();
      assertThat(server.description()).contains("localhost:" + c.port()).contains("data");
      try (Connection connection = DriverManager.getConnection(c.jdbcUrl(c.database()),
              c.username(), "");
          Statement s = connection.createStatement()) {
        s.execute("CREATE DATABASE kept");
      }
      port = c.port();
    }
    assertThat(dir.resolve("data/postmaster.pid")).doesNotExist();
    assertThat(dir.resolve("postgres.log")).isNotEmptyFile();

    try (LocalServer<PostgresCredentials> server = new EmbeddedPostgresFactory().start(context())) {
      assertThat(server.credentials().port()).isEqualTo(port);
      assertThat(query(server.credentials(), "SELECT datname FROM pg_database"
          + " WHERE datname = 'kept'")).isEqualTo("kept");
    }
  }

  @Test
  void theFingerprintChangesWhenAServerRunsOnTheDataAndOnlyThen() throws Exception {
    EmbeddedPostgresFactory factory = new EmbeddedPostgresFactory();
    LocalServerContext context = context();
    Path data = context.dataDirectory();
    assertThat(factory.fingerprint(data)).as("no cluster yet").isEmpty();
    assertThat(factory.previousAddressFree(context)).as("no port remembered yet").isFalse();
    int port;
    try (LocalServer<PostgresCredentials> server = factory.start(context)) {
      assertThat(server.listensAsBefore()).isFalse();
      assertThat(factory.fingerprint(data)).as("while it runs").isEmpty();
      port = server.credentials().port();
    }
    Optional<String> rested = factory.fingerprint(data);
    assertThat(rested).isPresent();
    assertThat(factory.fingerprint(data)).as("read again, nothing ran").isEqualTo(rested);
    assertThat(factory.previousAddressFree(context)).isTrue();
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(factory.previousAddressFree(context)).isFalse();
    }

    try (LocalServer<PostgresCredentials> server = factory.start(context)) {
      assertThat(server.listensAsBefore()).isTrue();
      assertThat(server.credentials().port()).isEqualTo(port);
    }
    assertThat(factory.fingerprint(data)).isPresent().isNotEqualTo(rested);
  }

  @Test
  void aServerLeftByAKilledSessionIsStoppedBeforeANewOneStarts() throws Exception {
    context();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process session = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StartAndWait.class.getName(), dir.resolve("data").toString(),
        dir.resolve("postgres.log").toString())
        .redirectErrorStream(true).start();
    int port;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
        // zonky's own log lines
      }
      assertThat(line).as("the session JVM started its server").isNotNull();
      port = Integer.parseInt(line.substring("ready ".length()));
      session.destroyForcibly();
      assertThat(session.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // PostgreSQL runs detached from the JVM: killing the JVM leaves it running.
    List<String> pid = Files.readAllLines(dir.resolve("data/postmaster.pid"));
    ProcessHandle leftover = ProcessHandle.of(Long.parseLong(pid.get(0).trim())).orElseThrow();
    assertThat(leftover.isAlive()).isTrue();
    assertThat(new EmbeddedPostgresFactory().fingerprint(dir.resolve("data")))
        .as("a server runs on the data: no run may trust it unseen").isEmpty();

    try (LocalServer<PostgresCredentials> server = new EmbeddedPostgresFactory().start(context())) {
      assertThat(leftover.isAlive()).isFalse();
      assertThat(server.credentials().port()).isEqualTo(port);
      assertThat(query(server.credentials(), "SELECT 1")).isEqualTo("1");
    }
  }

  @Test
  void anInitdbThatDidNotFinishIsStartedAfresh() throws Exception {
    Files.writeString(context().dataDirectory().resolve("PG_VERSION"), "14\n");
    Files.createDirectories(dir.resolve("data/base"));

    try (LocalServer<PostgresCredentials> server = new EmbeddedPostgresFactory().start(context())) {
      assertThat(query(server.credentials(), "SELECT 1")).isEqualTo("1");
    }
  }
}
