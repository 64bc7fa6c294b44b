package io.alchemy.bench;

import com.adobe.testing.s3mock.S3MockApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The real servers the benchmarks run against, in this JVM or started by it: embedded PostgreSQL
 * (its own process) and S3Mock (in-process). Started once per benchmark run.
 */
final class Servers {

  private Servers() {}

  /**
   * An embedded PostgreSQL 14 server that trusts {@code postgres} without a password, with
   * pg_stat_statements loaded so {@link SqlCounter} can count what the server executed.
   */
  static EmbeddedPostgres postgres() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("pg_stat_statements.track", "all")
        .setServerConfig("pg_stat_statements.track_utility", "on")
        .setServerConfig("pg_stat_statements.max", "10000")
        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
        .start();
    try (Connection c = DriverManager.getConnection(url(postgres), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      s.execute("CREATE ROLE " + SqlCounter.BENCH_USER + " SUPERUSER LOGIN");
    }
    return postgres;
  }

  static String url(EmbeddedPostgres postgres) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  /**
   * A connection for the benchmark's own queries, as a superuser of its own, so that {@link
   * SqlCounter} can leave its statements out.
   */
  static Connection admin(EmbeddedPostgres postgres) throws SQLException {
    return DriverManager.getConnection(url(postgres), SqlCounter.BENCH_USER, "");
  }

  /** S3Mock on a random port, quiet, with {@code buckets} (comma-separated) created. */
  static S3MockApplication s3mock(String buckets) {
    Map<String, Object> properties = new HashMap<>(Map.of(
        S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_SILENT, true));
    if (!buckets.isEmpty()) {
      properties.put(S3MockApplication.PROP_INITIAL_BUCKETS, buckets);
    }
    return S3MockApplication.start(properties);
  }

  static URI endpoint(S3MockApplication s3mock) {
    return URI.create("http://localhost:" + s3mock.getHttpPort());
  }
}
