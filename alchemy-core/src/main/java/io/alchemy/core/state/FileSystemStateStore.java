package io.alchemy.core.state;

import java.nio.file.Path;

/**
 * The default store: each stage in its own folder {@code <root>/<app>/<stage>/}, holding a
 * snapshot {@code state.json} and, while a run is going on, a journal {@code journal.jsonl} of
 * the changes since. The stage lock is the file {@code <root>/<app>/.<stage>.lock}.
 *
 * <p>Why a journal: one file per record doubles the file operations of a deploy on this kind of
 * disk. Each change is one append (whole, or recognisably torn and ignored); closing the run
 * writes a new snapshot atomically (temporary file, flush, rename) and drops the journal.
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

  @Override
  public StageState open(String app, String stage, AccessMode mode) {
    Path appDir = root.resolve(app);
    StageLock lock = mode == AccessMode.WRITE
        ? StageLock.acquire(appDir.resolve("." + stage + ".lock"), app + "/" + stage)
        : null;
    try {
      return new FileSystemStageState(app, stage, appDir.resolve(stage), mode, lock);
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.release();
      }
      throw e;
    }
  }
}
