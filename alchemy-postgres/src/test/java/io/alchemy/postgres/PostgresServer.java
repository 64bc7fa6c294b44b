package io.alchemy.postgres;

import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.secret.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded PostgreSQL server that checks passwords: the administrator {@code postgres} has
 * one, and every TCP connection must give the right password (SCRAM-SHA-256), so a test that logs
 * in as a role proves the role's password was really set.
 */
final class PostgresServer implements AutoCloseable {

  static final String ADMIN_PASSWORD = "admin-pw-5f1c9e";

  private final EmbeddedPostgres postgres;

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static PostgresServer start() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET password_encryption = 'scram-sha-256'");
      s.execute("ALTER ROLE postgres PASSWORD '" + ADMIN_PASSWORD + "'");
      String hba;
      try (ResultSet rows = s.executeQuery("SHOW hba_file")) {
        rows.next();
        hba = rows.getString(1);
      }
      Files.writeString(Path.of(hba), "local all all trust\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n"
          + "host all all ::1/128 scram-sha-256\n");
      s.execute("SELECT pg_reload_conf()");
    }
    return new PostgresServer(postgres);
  }

  int port() {
    return postgres.getPort();
  }

  /** The administrator's credentials, as a user configures them. */
  PostgresCredentials credentials() {
    return new PostgresCredentials("localhost", port(), "postgres", "postgres",
        Secret.of(ADMIN_PASSWORD));
  }

  String url(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  Connection admin() throws SQLException {
    return admin("postgres");
  }

  Connection admin(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "postgres", ADMIN_PASSWORD);
  }

  /** Runs statements as the administrator in {@code database}. */
  void sql(String database, String... statements) throws SQLException {
    try (Connection c = admin(database); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** The first row of a query as the administrator, or an empty list. */
  List<String> row(String database, String query, String... parameters) throws SQLException {
    try (Connection c = admin(database); PreparedStatement s = c.prepareStatement(query)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = s.executeQuery()) {
        List<String> row = new ArrayList<>();
        if (rows.next()) {
          for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            row.add(rows.getString(i));
          }
        }
        return row;
      }
    }
  }

  boolean roleExists(String role) throws SQLException {
    return !row("postgres", "SELECT 1 FROM pg_roles WHERE rolname = ?", role).isEmpty();
  }

  boolean databaseExists(String database) throws SQLException {
    return !row("postgres", "SELECT 1 FROM pg_database WHERE datname = ?", database).isEmpty();
  }

  /** The owner of a database, or {@code null} when it does not exist. */
  String databaseOwner(String database) throws SQLException {
    List<String> row = row("postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database"
        + " WHERE datname = ?", database);
    return row.isEmpty() ? null : row.get(0);
  }

  /** The owner of a schema, or {@code null} when it does not exist. */
  String schemaOwner(String database, String schema) throws SQLException {
    List<String> row = row(database, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace"
        + " WHERE nspname = ?", schema);
    return row.isEmpty() ? null : row.get(0);
  }

  /** Whether {@code role} can log in to {@code database} with {@code password}. */
  boolean canLogIn(String role, String password, String database) {
    try (Connection c = DriverManager.getConnection(url(database), role, password)) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    postgres.close();
  }
}
