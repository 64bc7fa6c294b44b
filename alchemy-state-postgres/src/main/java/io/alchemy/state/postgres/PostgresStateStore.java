package io.alchemy.state.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.LockWait;
import io.alchemy.core.state.RecordJson;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateJson;
import io.alchemy.core.state.StateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps state in PostgreSQL, so a team shares it: one row per record in {@code
 * <schema>.records}, keyed by app, stage, kind ({@code resource} or {@code scope}) and key (the
 * record's address or scope path), with the record's JSON as body. The tables are created on
 * first use (see {@link PostgresSchema}); a reader never creates anything.
 *
 * <p>Locking: a run that writes holds a session advisory lock on one dedicated connection for its
 * whole run and makes every write through it (see {@link PostgresStageLock}). Stages have their
 * own lock keys, so stages sharing the database never block each other, and a crashed run's lock
 * goes with its session. A {@link AccessMode#LOCKED_READ locked reader} (a plan) takes the same
 * lock while the tables exist, and writes no record; without the tables there is nothing to read
 * or to lock, and it creates none.
 *
 * <pre>{@code
 * StateStore store = new PostgresStateStore(PostgresStateConfig.of(
 *     "jdbc:postgresql://db.example.com/infra", "alchemy",
 *     Secret.of(System.getenv("PGPASSWORD"))));
 * Alchemy.builder().app("my-app").stage("prod").stateStore(store).build().run(definition);
 * }</pre>
 */
public final class PostgresStateStore implements StateStore {

  static final String RESOURCE = "resource";
  static final String SCOPE = "scope";

  private static final ObjectMapper MAPPER = StateJson.mapper();

  private final PostgresStateConfig config;
  private final PostgresSchema schema;

  /** A store using {@code config}; nothing is connected until a stage is opened. */
  public PostgresStateStore(PostgresStateConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.schema = new PostgresSchema(config.schema());
  }

  /** The configuration, as given. */
  public PostgresStateConfig config() {
    return config;
  }

  private String location() {
    return "table " + schema.records() + " at " + config.safeUrl();
  }

  private String lockLocation() {
    return "lock table " + schema.locks() + " at " + config.safeUrl();
  }

  @Override
  public StageState open(String app, String stage, AccessMode mode, Duration lockTimeout) {
    LockWait.checkTimeout(lockTimeout);
    String stageName = app + "/" + stage;
    Connection connection = connect(stageName);
    PostgresStageLock lock = null;
    try {
      Loaded loaded;
      if (mode == AccessMode.WRITE) {
        schema.create(connection, PostgresStageLock.creationKey(schema));
        lock = PostgresStageLock.acquire(connection, schema, app, stage, lockTimeout,
            lockLocation());
        loaded = load(connection, app, stage);
        return new PostgresStageState(app, stage, location(), schema, loaded, lock, connection,
            true);
      }
      boolean tables = schema.exists(connection);
      if (mode == AccessMode.LOCKED_READ && tables) {
        // Locked as a writer locks, so no run changes the records while they are read; the
        // holder row goes again at close.
        lock = PostgresStageLock.acquire(connection, schema, app, stage, lockTimeout,
            lockLocation());
        loaded = load(connection, app, stage);
        return new PostgresStageState(app, stage, location(), schema, loaded, lock, connection,
            false);
      }
      // A reader creates nothing: no tables means no state yet, and no run holding the stage
      // (a writer creates them before it locks).
      loaded = tables ? load(connection, app, stage) : Loaded.EMPTY;
      closeQuietly(connection);
      return new PostgresStageState(app, stage, location(), schema, loaded, null, null, false);
    } catch (SQLException e) {
      release(lock, connection);
      throw new StateException("Cannot open the state of stage " + stageName + " in "
          + location() + ": " + e.getMessage() + ". Check that the database is reachable and"
          + " that user " + config.username() + " may use schema " + config.schema()
          + " (on first use also create it, or have it created).", e);
    } catch (RuntimeException e) {
      release(lock, connection);
      throw e;
    }
  }

  private static void release(PostgresStageLock lock, Connection connection) {
    if (lock != null) {
      lock.release();
    } else {
      closeQuietly(connection);
    }
  }

  /** The records of a stage, as read at open. */
  record Loaded(Map<String, ResourceRecord> resources, Map<String, ScopeRecord> scopes) {
    static final Loaded EMPTY = new Loaded(Map.of(), Map.of());
  }

  private Loaded load(Connection connection, String app, String stage) throws SQLException {
    Map<String, ResourceRecord> resources = new HashMap<>();
    Map<String, ScopeRecord> scopes = new HashMap<>();
    try (PreparedStatement query = connection.prepareStatement("SELECT kind, key, body FROM "
        + schema.records() + " WHERE app = ? AND stage = ?")) {
      query.setString(1, app);
      query.setString(2, stage);
      query.setFetchSize(500);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String kind = rows.getString(1);
          String key = rows.getString(2);
          String body = rows.getString(3);
          if (RESOURCE.equals(kind)) {
            resources.put(key, readResource(app, stage, key, body));
          } else {
            scopes.put(key, readScope(app, stage, key, body));
          }
        }
      }
    }
    return new Loaded(resources, scopes);
  }

  private ResourceRecord readResource(String app, String stage, String key, String body) {
    JsonNode tree = tree(app, stage, RESOURCE, key, body);
    checkVersion(app, stage, RESOURCE, key, tree);
    ResourceRecord record;
    try {
      record = RecordJson.resource(tree);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw corrupt(app, stage, RESOURCE, key, "it is not a resource record (" + e.getMessage()
          + ")", e);
    }
    if (record.type() == null || record.status() == null) {
      throw corrupt(app, stage, RESOURCE, key, "it has no type or status", null);
    }
    if (!record.address().equals(key)) {
      throw corrupt(app, stage, RESOURCE, key, "its body is the record of " + record.address(),
          null);
    }
    return record;
  }

  private ScopeRecord readScope(String app, String stage, String key, String body) {
    JsonNode tree = tree(app, stage, SCOPE, key, body);
    checkVersion(app, stage, SCOPE, key, tree);
    ScopeRecord record;
    try {
      record = RecordJson.scope(tree);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw corrupt(app, stage, SCOPE, key, "it is not a scope record (" + e.getMessage() + ")",
          e);
    }
    if (record.scope() == null || !record.scope().equals(key)) {
      throw corrupt(app, stage, SCOPE, key, "its body is the record of scope '" + record.scope()
          + "'", null);
    }
    return record;
  }

  private JsonNode tree(String app, String stage, String kind, String key, String body) {
    try {
      JsonNode tree = MAPPER.readTree(body);
      if (tree == null || !tree.isObject()) {
        throw corrupt(app, stage, kind, key, "it does not hold a JSON object", null);
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw corrupt(app, stage, kind, key, "it is not valid JSON (" + e.getOriginalMessage()
          + ")", e);
    }
  }

  private void checkVersion(String app, String stage, String kind, String key, JsonNode tree) {
    JsonNode version = tree.path("formatVersion");
    if (!version.canConvertToInt()) {
      throw corrupt(app, stage, kind, key, "it has no formatVersion", null);
    }
    if (version.asInt() > ResourceRecord.FORMAT_VERSION) {
      throw new StateException("The " + kind + " record " + key + " of stage " + app + "/" + stage
          + " in " + location() + " has format version " + version.asInt() + ", written by a"
          + " newer Alchemy; this one reads up to version " + ResourceRecord.FORMAT_VERSION
          + ". Upgrade the plugin to use this stage.");
    }
  }

  private CorruptStateException corrupt(String app, String stage, String kind, String key,
      String what, Throwable cause) {
    return new CorruptStateException("The " + kind + " record '" + key + "' of stage " + app + "/"
        + stage + " in " + location() + " is corrupt: " + what + ". Alchemy changed nothing and"
        + " left it as it is. Restore the row (app = '" + app + "', stage = '" + stage
        + "', kind = '" + kind + "', key = '" + key + "') from a backup or fix its body by hand,"
        + " then run again.", cause);
  }

  @Override
  public Optional<LockInfo> lockHolder(String app, String stage) {
    Connection connection = connect(app + "/" + stage);
    try {
      if (!schema.exists(connection)) {
        return Optional.empty();
      }
      return PostgresStageLock.holder(connection, schema, app, stage);
    } catch (SQLException e) {
      throw new StateException("Cannot read the lock of stage " + app + "/" + stage + " in "
          + lockLocation() + ": " + e.getMessage() + ". Check that the database is reachable.", e);
    } finally {
      closeQuietly(connection);
    }
  }

  /**
   * Ends the database session of the holder (with {@code pg_terminate_backend}), which releases
   * its advisory lock at once, and deletes its holder row; both only if {@code lockId} is the
   * current holder's. The old holder's next write fails, since its session is gone.
   *
   * @throws StateException when the stage is not locked, the id is not the holder's, or the
   *     database user may not end the holder's session
   */
  @Override
  public void forceUnlock(String app, String stage, String lockId) {
    String stageName = app + "/" + stage;
    Connection connection = connect(stageName);
    try {
      Optional<PostgresStageLock.Row> holder = schema.exists(connection)
          ? PostgresStageLock.holderRow(connection, schema, app, stage) : Optional.empty();
      if (holder.isEmpty()) {
        throw new StateException("Stage " + stageName + " is not locked (" + lockLocation()
            + "), so there is nothing to unlock. Run again.");
      }
      LockInfo info = holder.get().info();
      if (!info.lockId().equals(lockId)) {
        throw new StateException("Lock id " + lockId + " is not the lock on stage " + stageName
            + ", which is " + info.describe() + " (" + lockLocation() + "). Nothing was unlocked."
            + " Check the lock id; the lock may have changed hands since.");
      }
      terminate(connection, app, stage, holder.get());
      try (PreparedStatement row = connection.prepareStatement("DELETE FROM " + schema.locks()
          + " WHERE app = ? AND stage = ? AND lock_id = ?")) {
        row.setString(1, app);
        row.setString(2, stage);
        row.setString(3, lockId);
        row.executeUpdate();
      }
    } catch (SQLException e) {
      throw new StateException("Cannot force-unlock stage " + stageName + " in " + lockLocation()
          + ": " + e.getMessage() + ". Ending another session needs the same database user as"
          + " the holder, or membership in pg_signal_backend; ask the database owner to run"
          + " SELECT pg_terminate_backend(<pid>) otherwise.", e);
    } finally {
      closeQuietly(connection);
    }
  }

  private void terminate(Connection connection, String app, String stage,
      PostgresStageLock.Row holder) throws SQLException {
    String stageName = app + "/" + stage;
    try (PreparedStatement kill = connection.prepareStatement(
        "SELECT pg_terminate_backend(?)")) {
      kill.setInt(1, holder.backendPid());
      kill.execute();
    }
    // The session ends shortly after the signal; wait for its lock to go, so that the caller
    // can run at once.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (PostgresStageLock.holderRow(connection, schema, app, stage)
        .filter(row -> row.info().lockId().equals(holder.info().lockId())).isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new StateException("Stage " + stageName + ": the session " + holder.backendPid()
            + " of " + holder.info().describe() + " was told to end but still holds the lock"
            + " after 10 s. Check it with SELECT * FROM pg_stat_activity WHERE pid = "
            + holder.backendPid() + ", then try again.");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StateException("Interrupted while waiting for the session of "
            + holder.info().describe() + " to end.", e);
      }
    }
  }

  private Connection connect(String stageName) {
    Properties properties = new Properties();
    if (config.username() != null) {
      properties.setProperty("user", config.username());
    }
    if (config.password() != null) {
      properties.setProperty("password", config.password().reveal());
    }
    properties.setProperty("ApplicationName", "alchemy " + stageName);
    properties.setProperty("tcpKeepAlive", "true");
    try {
      // The driver directly, not DriverManager: inside Maven's class realms DriverManager does
      // not see drivers loaded by a plugin's class loader.
      Connection connection = new org.postgresql.Driver().connect(config.jdbcUrl(), properties);
      if (connection == null) {
        throw new SQLException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
      }
      connection.setAutoCommit(true);
      return connection;
    } catch (SQLException e) {
      throw new StateException("Cannot connect to the PostgreSQL state database at "
          + config.safeUrl() + (config.username() == null ? "" : " as " + config.username())
          + ": " + e.getMessage() + ". Check the URL, the user and the password (from the"
          + " settings.xml server or the environment) and that the database is reachable.", e);
    }
  }

  /** Whether a failure means the session is gone (and with it the stage lock). */
  static boolean connectionLost(Connection connection, SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || state.equals("57P01")
        || state.equals("57P02") || state.equals("57P03"))) {
      return true;
    }
    try {
      return connection.isClosed();
    } catch (SQLException ignored) {
      return true;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing more to release
      }
    }
  }

  /** Shows the configuration without secrets. */
  @Override
  public String toString() {
    return "PostgresStateStore[" + config + "]";
  }
}
