package io.alchemy.state.s3;

import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import java.time.Duration;
import java.util.Optional;

/**
 * An {@link S3StateStore} whose client is built at first use, as {@link S3StateBackend} opens
 * it: building a client may already fail (no region found), and that belongs to the run that
 * needs it.
 */
public final class LazyS3StateStore implements StateStore, AutoCloseable {

  private final S3StateConfig config;
  private final String where;
  private S3StateStore store;

  LazyS3StateStore(S3StateConfig config, String where) {
    this.config = config;
    this.where = where;
  }

  /** What the store is built from. */
  public S3StateConfig config() {
    return config;
  }

  private synchronized S3StateStore store() {
    if (store == null) {
      store = new S3StateStore(config);
    }
    return store;
  }

  @Override
  public StageState open(String app, String stage, AccessMode mode, Duration lockTimeout) {
    return store().open(app, stage, mode, lockTimeout);
  }

  @Override
  public Optional<LockInfo> lockHolder(String app, String stage) {
    return store().lockHolder(app, stage);
  }

  @Override
  public void forceUnlock(String app, String stage, String lockId) {
    store().forceUnlock(app, stage, lockId);
  }

  @Override
  public synchronized void close() {
    if (store != null) {
      store.close();
    }
  }

  /** Where, never a key (the store's own text shows the access key id). */
  @Override
  public String toString() {
    return "S3StateStore[" + where + (config.endpointOverride() == null ? ""
        : " at " + config.endpointOverride()) + "]";
  }
}
