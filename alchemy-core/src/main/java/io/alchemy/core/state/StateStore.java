package io.alchemy.core.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Where stages keep their state. The filesystem store is the default; remote stores let a team
 * share state. Every store isolates stages: opening one never reads, touches or blocks another,
 * even when they share one folder, table or bucket.
 *
 * <p>Locking: a {@link AccessMode#WRITE} open takes the lock of its (app, stage) for the whole
 * run, tagged with a fresh {@link LockInfo#lockId() lock id}. A second WRITE open waits up to its
 * lock timeout, then fails with {@link StateLockedException} naming the holder. A failed acquire
 * leaves nothing behind, and a run releases only the lock it holds: a lock that was taken over
 * (force-unlocked, or its lease expired) is never released by its old holder.
 */
public interface StateStore {

  /**
   * Opens the state of one stage, failing at once when another run holds its lock.
   *
   * @see #open(String, String, AccessMode, Duration)
   */
  default StageState open(String app, String stage, AccessMode mode) {
    return open(app, stage, mode, Duration.ZERO);
  }

  /**
   * Opens the state of one stage.
   *
   * @param app the app name, already validated
   * @param stage the stage, already validated
   * @param mode {@link AccessMode#WRITE} takes the stage lock until {@link StageState#close()};
   *     {@link AccessMode#LOCKED_READ} takes it too but writes nothing; {@link AccessMode#READ}
   *     takes no lock and writes nothing
   * @param lockTimeout how long a WRITE or LOCKED_READ open waits while another run holds the
   *     lock; {@link Duration#ZERO} fails at once
   * @throws StateLockedException when another run held the lock for the whole timeout; nothing
   *     is changed
   * @throws CorruptStateException when recorded state cannot be read; nothing is changed and the
   *     lock is released again
   */
  StageState open(String app, String stage, AccessMode mode, Duration lockTimeout);

  /**
   * Who holds the lock of a stage now, without taking or waiting for it.
   *
   * @return the holder, or empty when the stage is not locked
   */
  Optional<LockInfo> lockHolder(String app, String stage);

  /**
   * Releases a lock whose holder crashed or hangs, like Terraform's {@code force-unlock}. It acts
   * only when {@code lockId} is the id of the current holder, so it can never release a lock
   * that a later run took in the meantime. The old holder's next write then fails.
   *
   * @param lockId the id the waiting run's error message or {@link #lockHolder} named
   * @throws StateException when the stage is not locked, when {@code lockId} is not the current
   *     holder's, or when this store cannot release a lock by force (the filesystem store's
   *     operating-system lock goes only with its process)
   */
  void forceUnlock(String app, String stage, String lockId);
}
