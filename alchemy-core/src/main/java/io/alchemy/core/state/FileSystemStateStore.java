package io.alchemy.core.state;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The default store: each stage in its own folder {@code <root>/<app>/<stage>/}, holding a
 * snapshot {@code state.json} and, while a run is going on, a journal {@code journal.jsonl} of
 * the changes since. The stage lock is the file {@code <root>/<app>/.<stage>.lock}.
 *
 * <p>Why a journal: one file per record doubles the file operations of a deploy on this kind of
 * disk. Each change is one append (whole, or recognisably torn and ignored); closing the run
 * writes a new snapshot atomically (temporary file, flush, rename) and drops the journal.
 *
 * <p>The lock is an operating-system file lock: it goes with its process, so it can never go
 * stale, and {@link #forceUnlock} can only say which process to stop. A run that waits for it
 * polls with {@link LockWait}.
 */
public final class FileSystemStateStore implements StateStore {

  private final Path root;

  /** A store under {@code root}, e.g. {@code target/alchemy/state}. */
  public FileSystemStateStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The folder that holds every app's state. */
  public Path root() {
    return root;
  }

  /** The folder of one stage. */
  public Path stageDir(String app, String stage) {
    return root.resolve(app).resolve(stage);
  }

  /** The lock file of one stage; it stays when released, empty. */
  public Path lockFile(String app, String stage) {
    return root.resolve(app).resolve("." + stage + ".lock");
  }

  @Override
  public StageState open(String app, String stage, AccessMode mode, Duration lockTimeout) {
    LockWait.checkTimeout(lockTimeout);
    checkNoFileOnTheWay(app + "/" + stage);
    // A locked reader of a stage that has no state yet has nothing to keep consistent, and
    // leaves no trace: no lock file, no folder (an apply checks the state it saw anyway).
    boolean locked = mode == AccessMode.WRITE
        || (mode == AccessMode.LOCKED_READ && Files.isDirectory(stageDir(app, stage)));
    StageLock lock = locked
        ? StageLock.acquire(lockFile(app, stage), app + "/" + stage, lockTimeout)
        : null;
    try {
      return new FileSystemStageState(app, stage, stageDir(app, stage), mode, lock);
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.release();
      }
      throw e;
    }
  }

  /** A state folder that is a file, or lies below one, can never work: say which file. */
  private void checkNoFileOnTheWay(String stageName) {
    for (Path p = root; p != null; p = p.getParent()) {
      if (Files.isDirectory(p)) {
        return;
      }
      // Checked again: another run may have made the folder since the check above.
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p)) {
        throw new StateException("Cannot open the state of stage " + stageName + ": the state"
            + " folder " + root + (p.equals(root) ? " is a file" : " lies below " + p + ", which is"
            + " a file") + ", not a folder. Set the state folder to a folder, or move " + p
            + " away. Nothing was changed.", null);
      }
    }
  }

  @Override
  public Optional<LockInfo> lockHolder(String app, String stage) {
    return StageLock.holderOf(lockFile(app, stage)).map(StageLock.Holder::info);
  }

  /**
   * Never releases anything: an operating-system lock belongs to its process. This checks the id
   * and then says which process to stop.
   *
   * @throws StateException always: the stage is not locked, the id is not the holder's, or the
   *     holder's process must be stopped instead
   */
  @Override
  public void forceUnlock(String app, String stage, String lockId) {
    Path file = lockFile(app, stage);
    String stageName = app + "/" + stage;
    StageLock.Holder holder = StageLock.holderOf(file).orElseThrow(() -> new StateException(
        "Stage " + stageName + " is not locked (lock file " + file + "), so there is nothing to"
            + " unlock. Run again."));
    if (!holder.info().lockId().equals(lockId)) {
      throw new StateException("Lock id " + lockId + " is not the lock on stage " + stageName
          + ", which is " + holder.info().describe() + " (lock file " + file + "). Nothing was"
          + " unlocked. Check the lock id; the lock may have changed hands since.");
    }
    String process = holder.pid() < 0 ? "its process" : "process " + holder.pid();
    throw new StateException("Stage " + stageName + " is locked by " + holder.info().describe()
        + " with an operating-system lock on " + file + ", which only " + process + " on "
        + holder.info().host() + " can hold. It cannot be released by force and never goes"
        + " stale: it is released the moment that process ends. If that run hangs, stop "
        + process + " on " + holder.info().host() + (holder.pid() < 0 ? "" : " (kill "
        + holder.pid() + ")") + "; do not delete the lock file, since a run that still held it"
        + " and a new run could then both proceed.");
  }
}
