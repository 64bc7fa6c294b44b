package io.alchemy.state.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * One stage of a {@link PostgresStateStore}, opened for a run. Each write is one autocommitted
 * statement on the lock's own connection: whole or not at all, and impossible once the lock's
 * session is gone.
 */
final class PostgresStageState implements StageState {

  private static final ObjectMapper MAPPER = StateJson.mapper();

  private final String app;
  private final String stage;
  private final String location;
  private final PostgresSchema schema;
  private final Map<String, ResourceRecord> resources;
  private final Map<String, ScopeRecord> scopes;
  private final PostgresStageLock lock;
  private final Connection connection;
  private final boolean writable;
  private boolean closed;

  /**
   * @param lock the held lock, whose connection carries the writes; {@code null} for a reader
   *     without a lock
   * @param writable whether records may be written: only under a lock, and never for a locked
   *     reader
   */
  PostgresStageState(String app, String stage, String location, PostgresSchema schema,
      PostgresStateStore.Loaded loaded, PostgresStageLock lock, Connection connection,
      boolean writable) {
    this.app = app;
    this.stage = stage;
    this.location = location;
    this.schema = schema;
    this.resources = Map.copyOf(loaded.resources());
    this.scopes = Map.copyOf(loaded.scopes());
    this.lock = lock;
    this.connection = connection;
    this.writable = writable && lock != null;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public Optional<LockInfo> lock() {
    return lock == null ? Optional.empty() : Optional.of(lock.info());
  }

  @Override
  public Map<String, ResourceRecord> resources() {
    return resources;
  }

  @Override
  public Map<String, ScopeRecord> scopes() {
    return scopes;
  }

  @Override
  public synchronized void put(ResourceRecord record) {
    upsert(PostgresStateStore.RESOURCE, record.address(), json(record));
  }

  @Override
  public synchronized void remove(String address) {
    delete(PostgresStateStore.RESOURCE, address);
  }

  @Override
  public synchronized void putScope(ScopeRecord record) {
    upsert(PostgresStateStore.SCOPE, record.scope(), json(record));
  }

  @Override
  public synchronized void removeScope(String scope) {
    delete(PostgresStateStore.SCOPE, scope);
  }

  private void upsert(String kind, String key, String body) {
    checkWritable();
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + schema.records()
        + " (app, stage, kind, key, body) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (app, stage, kind, key) DO UPDATE SET body = EXCLUDED.body,"
        + " updated_at = now()")) {
      upsert.setString(1, app);
      upsert.setString(2, stage);
      upsert.setString(3, kind);
      upsert.setString(4, key);
      upsert.setString(5, body);
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw writeFailed("write the " + kind + " record " + key, e);
    }
  }

  private void delete(String kind, String key) {
    checkWritable();
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + schema.records()
        + " WHERE app = ? AND stage = ? AND kind = ? AND key = ?")) {
      delete.setString(1, app);
      delete.setString(2, stage);
      delete.setString(3, kind);
      delete.setString(4, key);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw writeFailed("delete the " + kind + " record " + key, e);
    }
  }

  private void checkWritable() {
    if (!writable || closed) {
      throw new IllegalStateException("state of " + app + "/" + stage + " is not open for writing");
    }
  }

  private StateException writeFailed(String what, SQLException e) {
    if (PostgresStateStore.connectionLost(connection, e)) {
      return new StateException("The lock of stage " + app + "/" + stage + " was lost: the"
          + " database session that held it ended (" + e.getMessage() + "), so this run could not "
          + what + " in " + location + " and writes nothing more. Another run may hold the stage"
          + " now. Run again: unfinished work is picked up from state.", e);
    }
    return new StateException("Cannot " + what + " in " + location + ": " + e.getMessage()
        + ". Check the database and the user's privileges on the schema, then run again:"
        + " unfinished work is picked up from state.", e);
  }

  private static String json(Object record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new StateException("Cannot write a state record as JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (lock != null) {
      lock.release();
    }
  }
}
