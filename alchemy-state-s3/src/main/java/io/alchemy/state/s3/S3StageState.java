package io.alchemy.state.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateJson;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

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
  private boolean closed;

  /** @param lock the held lock; {@code null} for a reader */
  S3StageState(S3Client s3, S3StageKeys keys, Map<String, ResourceRecord> resources,
      Map<String, ScopeRecord> scopes, S3StageLock lock) {
    this.s3 = s3;
    this.keys = keys;
    this.resources = Map.copyOf(resources);
    this.scopes = Map.copyOf(scopes);
    this.resourcesNow = new HashSet<>(resources.keySet());
    this.scopesNow = new HashSet<>(scopes.keySet());
    this.lock = lock;
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
      s3.putObject(put -> put.bucket(keys.bucket()).key(key).contentType("application/json"),
          RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw S3StageLock.failure(what, keys, key, e);
    }
  }

  private void delete(String key, String what) {
    checkWritable(what);
    try {
      s3.deleteObject(delete -> delete.bucket(keys.bucket()).key(key));
    } catch (SdkException e) {
      throw S3StageLock.failure(what, keys, key, e);
    }
  }

  private void checkWritable(String what) {
    if (lock == null || closed) {
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
      lock.release();
    }
  }
}
