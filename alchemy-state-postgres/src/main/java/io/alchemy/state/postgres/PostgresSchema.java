package io.alchemy.state.postgres;

import io.alchemy.core.state.StateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Alchemy's three tables in one schema, and their version:
 *
 * <ul>
 *   <li>{@code records}: one row per resource or scope record, keyed by (app, stage, kind, key);
 *       {@code body} holds the record's JSON exactly as Alchemy wrote it;
 *   <li>{@code stage_locks}: one row per locked stage, naming the holder (the lock itself is a
 *       session advisory lock; this row only says who holds it);
 *   <li>{@code schema_version}: one row, the version of this layout.
 * </ul>
 *
 * <p>The body is {@code text}, not {@code jsonb}: it keeps the bytes Alchemy wrote, and {@code
 * jsonb} refuses {@code \u0000} in strings, which a file's content may hold. Query it with {@code
 * body::jsonb}.
 */
final class PostgresSchema {

  /** The layout this version creates and reads. */
  static final int VERSION = 1;

  private final String schema;

  PostgresSchema(String schema) {
    this.schema = schema;
  }

  String records() {
    return schema + ".records";
  }

  String locks() {
    return schema + ".stage_locks";
  }

  String versionTable() {
    return schema + ".schema_version";
  }

  /**
   * Whether the tables exist, checking their version when they do.
   *
   * @throws StateException when a newer Alchemy created them
   */
  boolean exists(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT to_regclass(?) IS NOT NULL AND to_regclass(?) IS NOT NULL"
            + " AND to_regclass(?) IS NOT NULL")) {
      query.setString(1, records());
      query.setString(2, locks());
      query.setString(3, versionTable());
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(1)) {
          return false;
        }
      }
    }
    checkVersion(connection);
    return true;
  }

  /**
   * Creates the schema and tables unless they exist. Only the first run against an empty
   * database takes a short transaction lock (one per schema, held for the DDL alone), so that two
   * first runs do not race their {@code CREATE}s; afterwards nothing here locks anything, and
   * stages never wait for each other.
   */
  void create(Connection connection, long creationLockKey) throws SQLException {
    if (exists(connection)) {
      return;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement ddl = connection.createStatement()) {
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, creationLockKey);
        lock.execute();
      }
      if (!schemaExists(connection)) {
        // Only when missing: CREATE SCHEMA needs the CREATE privilege on the database even with
        // IF NOT EXISTS, and a DBA may have created the schema for a user without it.
        ddl.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      }
      ddl.execute("CREATE TABLE IF NOT EXISTS " + versionTable()
          + " (version integer NOT NULL)");
      ddl.execute("CREATE TABLE IF NOT EXISTS " + records() + " ("
          + "app text NOT NULL, "
          + "stage text NOT NULL, "
          + "kind text NOT NULL CHECK (kind IN ('resource', 'scope')), "
          + "key text NOT NULL, "
          + "body text NOT NULL, "
          + "updated_at timestamptz NOT NULL DEFAULT now(), "
          + "PRIMARY KEY (app, stage, kind, key))");
      ddl.execute("CREATE TABLE IF NOT EXISTS " + locks() + " ("
          + "app text NOT NULL, "
          + "stage text NOT NULL, "
          + "lock_id text NOT NULL, "
          + "owner text NOT NULL, "
          + "host text NOT NULL, "
          + "since timestamptz NOT NULL, "
          + "backend_pid integer NOT NULL, "
          + "PRIMARY KEY (app, stage))");
      ddl.execute("INSERT INTO " + versionTable() + " (version) SELECT " + VERSION
          + " WHERE NOT EXISTS (SELECT 1 FROM " + versionTable() + ")");
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    checkVersion(connection);
  }

  private boolean schemaExists(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private void checkVersion(Connection connection) throws SQLException {
    try (Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery("SELECT max(version) FROM " + versionTable())) {
      int version = rows.next() ? rows.getInt(1) : 0;
      if (version > VERSION) {
        throw new StateException("The state tables in schema " + schema + " have layout version "
            + version + ", created by a newer Alchemy; this one reads up to version " + VERSION
            + ". Upgrade the plugin to use this state.");
      }
    }
  }
}
