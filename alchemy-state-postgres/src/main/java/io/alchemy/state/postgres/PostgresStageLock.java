package io.alchemy.state.postgres;

import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;

/**
 * A stage lock in PostgreSQL: a session advisory lock on one dedicated connection, plus a row in
 * {@code stage_locks} naming the holder.
 *
 * <p>The advisory lock belongs to the connection's session: the server releases it when the
 * session ends, however it ends (the run finished, crashed, or its connection was cut or
 * terminated by a force-unlock). All of a run's writes go through the same connection, so a run
 * whose session is gone cannot write any more: its lock and its writes end together. That is why
 * the connection never comes from a pool, where the unlock (or a write) could land on another
 * session.
 *
 * <p>Waiting uses the server's own lock queue ({@code pg_advisory_lock} under a {@code
 * lock_timeout}): waiting runs proceed in the order they asked, the moment the lock is free.
 */
final class PostgresStageLock {

  private static final String CRASH_ADVICE = "A crashed run's lock goes with its database"
      + " session; if that run hangs or its session lingers, end it.";

  private final Connection connection;
  private final PostgresSchema schema;
  private final String app;
  private final String stage;
  private final long key;
  private final LockInfo info;

  private PostgresStageLock(Connection connection, PostgresSchema schema, String app,
      String stage, long key, LockInfo info) {
    this.connection = connection;
    this.schema = schema;
    this.app = app;
    this.stage = stage;
    this.key = key;
    this.info = info;
  }

  /**
   * Takes the lock of {@code app}/{@code stage} on {@code connection}, waiting up to {@code
   * timeout}. On failure nothing of this attempt remains: no lock, no row.
   *
   * @param where the lock's location, for messages
   */
  static PostgresStageLock acquire(Connection connection, PostgresSchema schema, String app,
      String stage, Duration timeout, String where) throws SQLException {
    long key = key(schema, app, stage);
    boolean locked;
    if (timeout.isZero()) {
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        lock.setLong(1, key);
        try (ResultSet rows = lock.executeQuery()) {
          rows.next();
          locked = rows.getBoolean(1);
        }
      }
    } else {
      locked = waitFor(connection, key, timeout);
    }
    if (!locked) {
      LockInfo holder = holder(connection, schema, app, stage).orElse(null);
      throw new StateLockedException(app + "/" + stage, holder, where, CRASH_ADVICE, true,
          timeout);
    }
    LockInfo info = LockInfo.forThisProcess();
    try (PreparedStatement row = connection.prepareStatement("INSERT INTO " + schema.locks()
        + " (app, stage, lock_id, owner, host, since, backend_pid)"
        + " VALUES (?, ?, ?, ?, ?, ?, pg_backend_pid())"
        + " ON CONFLICT (app, stage) DO UPDATE SET lock_id = EXCLUDED.lock_id,"
        + " owner = EXCLUDED.owner, host = EXCLUDED.host, since = EXCLUDED.since,"
        + " backend_pid = EXCLUDED.backend_pid")) {
      // A row left by a crashed holder is simply replaced: the advisory lock, not the row, is
      // what excludes other runs.
      row.setString(1, app);
      row.setString(2, stage);
      row.setString(3, info.lockId());
      row.setString(4, info.owner());
      row.setString(5, info.host());
      row.setTimestamp(6, Timestamp.from(info.since()));
      row.executeUpdate();
    } catch (SQLException e) {
      unlock(connection, key);
      throw e;
    }
    return new PostgresStageLock(connection, schema, app, stage, key, info);
  }

  /** Blocks in the server's lock queue for at most {@code timeout}. */
  private static boolean waitFor(Connection connection, long key, Duration timeout)
      throws SQLException {
    long millis = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (PreparedStatement set = connection.prepareStatement(
        "SELECT set_config('lock_timeout', ?, false)")) {
      set.setString(1, millis + "ms");
      set.execute();
    }
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
      lock.setLong(1, key);
      lock.execute();
      return true;
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    } finally {
      try (PreparedStatement reset = connection.prepareStatement(
          "SELECT set_config('lock_timeout', '0', false)")) {
        reset.execute();
      }
    }
  }

  LockInfo info() {
    return info;
  }

  /**
   * Releases this lock: deletes the holder row only if it still names this lock id, then unlocks
   * and closes the connection. A connection that is already gone has nothing left to release:
   * the server dropped the lock with the session.
   */
  void release() {
    try {
      try (PreparedStatement row = connection.prepareStatement("DELETE FROM " + schema.locks()
          + " WHERE app = ? AND stage = ? AND lock_id = ?")) {
        row.setString(1, app);
        row.setString(2, stage);
        row.setString(3, info.lockId());
        row.executeUpdate();
      }
      unlock(connection, key);
    } catch (SQLException ignored) {
      // the session is gone, and its lock with it
    } finally {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing more to release
      }
    }
  }

  private static void unlock(Connection connection, long key) throws SQLException {
    try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      unlock.setLong(1, key);
      unlock.execute();
    }
  }

  /**
   * The holder of a stage's lock: the row naming it, if the session it names really holds the
   * advisory lock now. A row left by a crashed holder (its session is gone) names nobody.
   */
  static Optional<LockInfo> holder(Connection connection, PostgresSchema schema, String app,
      String stage) throws SQLException {
    Optional<Row> row = holderRow(connection, schema, app, stage);
    return row.map(Row::info);
  }

  /** The live holder row with its backend pid. */
  static Optional<Row> holderRow(Connection connection, PostgresSchema schema, String app,
      String stage) throws SQLException {
    long key = key(schema, app, stage);
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT l.lock_id, l.owner, l.host, l.since, l.backend_pid FROM " + schema.locks() + " l"
            + " WHERE l.app = ? AND l.stage = ? AND EXISTS (SELECT 1 FROM pg_locks k"
            + " WHERE k.locktype = 'advisory' AND k.granted AND k.pid = l.backend_pid"
            + " AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND k.classid::bigint = ? AND k.objid::bigint = ? AND k.objsubid = 1)")) {
      query.setString(1, app);
      query.setString(2, stage);
      query.setLong(3, key >>> 32);
      query.setLong(4, key & 0xFFFFFFFFL);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new Row(new LockInfo(rows.getString(1), rows.getString(2),
            rows.getString(3), rows.getTimestamp(4).toInstant()), rows.getInt(5)));
      }
    }
  }

  /** A holder row: who, and the server process of its session. */
  record Row(LockInfo info, int backendPid) {}

  /**
   * The advisory lock key of a stage: the first 8 bytes of SHA-256 over schema, app and stage.
   * The schema is part of it so that two Alchemy schemas in one database never block each other.
   */
  static long key(PostgresSchema schema, String app, String stage) {
    return hash("alchemy:" + schema.records() + ":" + app + "/" + stage);
  }

  /** The key of the short lock that serializes the first creation of a schema's tables. */
  static long creationKey(PostgresSchema schema) {
    return hash("alchemy-schema:" + schema.records());
  }

  private static long hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      long key = 0;
      for (int i = 0; i < 8; i++) {
        key = (key << 8) | (digest[i] & 0xFF);
      }
      return key;
    } catch (NoSuchAlgorithmException e) {
      throw new StateException("This JVM has no SHA-256, which every JDK provides: " + e, e);
    }
  }
}
