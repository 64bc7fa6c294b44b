package io.alchemy.core.state;

import java.util.Map;
import java.util.Optional;

/**
 * One stage's state, opened for a run. Each write is durable as a whole before the method
 * returns (as far as the store can promise: the filesystem store survives a killed process) and
 * never leaves a half-written record. Implementations are safe to call from several threads.
 */
public interface StageState extends AutoCloseable {

  /** Where this state lives, for messages (a folder, a table, a bucket prefix). */
  String location();

  /**
   * The lock this state holds: present for {@link AccessMode#WRITE} and {@link
   * AccessMode#LOCKED_READ} (when there is state to lock), empty for a plain reader.
   */
  default Optional<LockInfo> lock() {
    return Optional.empty();
  }

  /** The resource records found at open, by {@link ResourceRecord#address()}. */
  Map<String, ResourceRecord> resources();

  /** The scope records found at open, by scope path. */
  Map<String, ScopeRecord> scopes();

  /** Writes or replaces a resource record. */
  void put(ResourceRecord record);

  /** Removes a resource record; does nothing when absent. */
  void remove(String address);

  /** Writes or replaces a scope record. */
  void putScope(ScopeRecord record);

  /** Removes a scope record; does nothing when absent. */
  void removeScope(String scope);

  /** Makes the state compact and durable, and releases the lock if held. */
  @Override
  void close();
}
