package io.alchemy.state.postgres;

import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import io.alchemy.core.state.StateStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@link StateStore} contract, against a real PostgreSQL server shared by the module. */
@ExtendWith(PostgresTestServer.class)
class PostgresStateStoreContractTest extends StateStoreContract {

  @Override
  protected StateStore newStore() {
    return new PostgresStateStore(new PostgresStateConfig(PostgresTestServer.url(), "postgres",
        null, null));
  }

  /** The stage's record rows and its holder row, if any. */
  @Override
  protected Map<String, String> stored(String app, String stage) throws SQLException {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = PostgresTestServer.admin()) {
      if (!tablesExist(c)) {
        return rows;
      }
      try (PreparedStatement q = c.prepareStatement("SELECT kind, key, body FROM alchemy.records"
          + " WHERE app = ? AND stage = ?")) {
        q.setString(1, app);
        q.setString(2, stage);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            rows.put("records/" + r.getString(1) + "/" + r.getString(2), r.getString(3));
          }
        }
      }
      try (PreparedStatement q = c.prepareStatement("SELECT lock_id, owner, host, since,"
          + " backend_pid FROM alchemy.stage_locks WHERE app = ? AND stage = ?")) {
        q.setString(1, app);
        q.setString(2, stage);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            rows.put("stage_locks", r.getString(1) + " " + r.getString(2) + " " + r.getString(3)
                + " " + r.getTimestamp(4).toInstant() + " " + r.getInt(5));
          }
        }
      }
    }
    return rows;
  }

  /** The app's record rows and holder rows, of every stage. */
  @Override
  protected Map<String, String> storedForApp(String app) throws SQLException {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = PostgresTestServer.admin()) {
      if (!tablesExist(c)) {
        return rows;
      }
      try (PreparedStatement q = c.prepareStatement("SELECT stage, kind, key, body FROM"
          + " alchemy.records WHERE app = ?")) {
        q.setString(1, app);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            rows.put(r.getString(1) + "/records/" + r.getString(2) + "/" + r.getString(3),
                r.getString(4));
          }
        }
      }
      try (PreparedStatement q = c.prepareStatement("SELECT stage, lock_id FROM"
          + " alchemy.stage_locks WHERE app = ?")) {
        q.setString(1, app);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            rows.put(r.getString(1) + "/stage_locks", r.getString(2));
          }
        }
      }
    }
    return rows;
  }

  private static boolean tablesExist(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT to_regclass('alchemy.records')"
        + " IS NOT NULL");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /** A row whose body is cut short. */
  @Override
  protected Corruption corrupt(String app, String stage) throws SQLException {
    try (Connection c = PostgresTestServer.admin(); PreparedStatement insert = c.prepareStatement(
        "INSERT INTO alchemy.records (app, stage, kind, key, body)"
            + " VALUES (?, ?, 'resource', 'bad', '{\"formatVersion\": 1, \"scope\": \"\", \"id\": ')")) {
      insert.setString(1, app);
      insert.setString(2, stage);
      insert.executeUpdate();
    }
    return new Corruption("The resource record 'bad' of stage " + app + "/" + stage
        + " in table alchemy.records at " + PostgresTestServer.url()
        + " is corrupt: it is not valid JSON (",
        "Alchemy changed nothing and left it as it is. Restore the row (app = '" + app
            + "', stage = '" + stage + "', kind = 'resource', key = 'bad') from a backup or fix"
            + " its body by hand, then run again.");
  }

  /** A row as a version writing {@code body}'s format version would insert it. */
  @Override
  protected String storeRawRecord(String app, String stage, String address, String body)
      throws SQLException {
    // A run that wrote nothing: the tables exist, and the stage holds nothing.
    newStore().open(app, stage, AccessMode.WRITE).close();
    try (Connection c = PostgresTestServer.admin(); PreparedStatement insert = c.prepareStatement(
        "INSERT INTO alchemy.records (app, stage, kind, key, body) VALUES (?, ?, 'resource', ?,"
            + " ?)")) {
      insert.setString(1, app);
      insert.setString(2, stage);
      insert.setString(3, address);
      insert.setString(4, body);
      insert.executeUpdate();
    }
    return "The resource record " + address + " of stage " + app + "/" + stage
        + " in table alchemy.records at " + PostgresTestServer.url() + " ";
  }

  /**
   * A run whose database session ended under it (its process was killed, or its connection
   * dropped): the server released its advisory lock; its holder row stays, naming nobody.
   */
  @Override
  protected StaleLock leaveStaleLock(String app, String stage) throws Exception {
    StageState crashed = newStore().open(app, stage, AccessMode.WRITE);
    LockInfo holder = crashed.lock().orElseThrow();
    try (Connection c = PostgresTestServer.admin(); PreparedStatement kill = c.prepareStatement(
        "SELECT pg_terminate_backend(backend_pid) FROM alchemy.stage_locks WHERE lock_id = ?")) {
      kill.setString(1, holder.lockId());
      kill.execute();
    }
    // The server drops the session's locks as its process exits.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (newStore().lockHolder(app, stage).isPresent() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return new StaleLock(holder, crashed);
  }

  @Override
  protected boolean staleLockNamesNoHolder() {
    return true;
  }

  @Override
  protected String lockLostMessageStart(String app, String stage, LockInfo lost, String what) {
    return "The lock of stage " + app + "/" + stage + " was lost: the database session that held"
        + " it ended (";
  }

  @Override
  protected boolean canForceUnlock() {
    return true;
  }
}
