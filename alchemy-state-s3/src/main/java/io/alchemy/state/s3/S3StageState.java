package io.alchemy.state.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateJson;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * One stage of an {@link S3StateStore}, opened for a run. Each write is one PUT or DELETE of one
 * object, which S3 applies whole or not at all, made only while the run still holds its lock.
 */
final class S3StageState implements StageState {

  private final S3Client s3;
  private final S3StageKeys keys;
  private final Map<String, ResourceRecord> resources;
  private final Map<String, ScopeRecord> scopes;
  private final Set<String> resourcesNow;
  private final Set<String> scopesNow;
  private final S3StageLock lock;
  private final boolean writable;
  // Every record object as this run last saw or wrote it, for the snapshot written at close.
  private final Map<String, S3StageSnapshot.Entry> objects;
  private boolean changed; // since the snapshot, so close writes a new one
  private boolean closed;

  /**
   * @param objects the record objects read at open, by key, with their ETags
   * @param snapshotStale whether the snapshot did not match them, so close writes one even when
   *     the run changes nothing
   * @param lock the held lock; {@code null} for a reader without a lock
   * @param writable whether records (and the snapshot) may be written: only under a lock, and
   *     never for a locked reader
   */
  S3StageState(S3Client s3, S3StageKeys keys, Map<String, ResourceRecord> resources,
      Map<String, ScopeRecord> scopes, Map<String, S3StageSnapshot.Entry> objects,
      boolean snapshotStale, S3StageLock lock, boolean writable) {
    this.s3 = s3;
    this.keys = keys;
    this.resources = Map.copyOf(resources);
    this.scopes = Map.copyOf(scopes);
    this.resourcesNow = new HashSet<>(resources.keySet());
    this.scopesNow = new HashSet<>(scopes.keySet());
    this.objects = new HashMap<>(objects);
    this.changed = snapshotStale;
    this.lock = lock;
    this.writable = writable && lock != null;
  }

  @Override
  public String location() {
    return keys.url(keys.stageFolder());
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
    write(keys.resource(record.address()), record, "write the resource record "
        + record.address());
    resourcesNow.add(record.address());
  }

  @Override
  public synchronized void remove(String address) {
    if (resourcesNow.contains(address)) {
      delete(keys.resource(address), "delete the resource record " + address);
      resourcesNow.remove(address);
    }
  }

  @Override
  public synchronized void putScope(ScopeRecord record) {
    write(keys.scope(record.scope()), record, "write the scope record '" + record.scope() + "'");
    scopesNow.add(record.scope());
  }

  @Override
  public synchronized void removeScope(String scope) {
    if (scopesNow.contains(scope)) {
      delete(keys.scope(scope), "delete the scope record '" + scope + "'");
      scopesNow.remove(scope);
    }
  }

  private void write(String key, Object record, String what) {
    checkWritable(what);
    byte[] body;
    try {
      body = StateJson.mapper().writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new StateException("Cannot write a state record as JSON: " + e.getOriginalMessage(),
          e);
    }
    try {
      PutObjectResponse written = s3.putObject(put -> put.bucket(keys.bucket()).key(key)
          .contentType("application/json"), RequestBody.fromBytes(body));
      objects.put(key, new S3StageSnapshot.Entry(S3StageSnapshot.etag(written.eTag()), body));
      changed = true;
    } catch (SdkException e) {
      objects.remove(key); // unknown now: the next open reads it
      changed = true;
      throw S3StageLock.failure(what, keys, key, e);
    }
  }

  private void delete(String key, String what) {
    checkWritable(what);
    try {
      s3.deleteObject(delete -> delete.bucket(keys.bucket()).key(key));
      objects.remove(key);
      changed = true;
    } catch (SdkException e) {
      throw S3StageLock.failure(what, keys, key, e);
    }
  }

  private void checkWritable(String what) {
    if (!writable || closed) {
      throw new IllegalStateException("state of " + keys.app() + "/" + keys.stage()
          + " is not open for writing");
    }
    lock.checkHeld(what);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (lock != null) {
      try {
        if (writable) {
          writeSnapshot();
        }
      } finally {
        lock.release();
      }
    }
  }

  /**
   * Saves the next open its GETs, while the lock is still held. Only an optimization: when it
   * cannot be written, the next open reads every record object, as without it.
   */
  private void writeSnapshot() {
    if (!changed) {
      return;
    }
    try {
      lock.checkHeld("write the state snapshot");
      S3StageSnapshot.write(s3, keys, objects);
    } catch (RuntimeException | java.io.IOException e) {
      // the records themselves are written; see above
    }
  }
}
