package io.alchemy.core.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Another run holds the stage's lock, and this run gave up waiting for it. Nothing was changed,
 * and nothing of this run's lock was left behind.
 */
public class StateLockedException extends StateException {

  private static final long serialVersionUID = 2L;

  private final LockInfo holder;
  private final String stage;
  private final String where;
  private final String crashAdvice;

  /** A held lock, described by a complete message, holder unknown. */
  public StateLockedException(String message) {
    super(message);
    this.holder = null;
    this.stage = null;
    this.where = null;
    this.crashAdvice = null;
  }

  /**
   * A held lock, with the standard message: who holds it, where, how long this run waited, and
   * what to do.
   *
   * @param stage the stage, e.g. {@code my-app/prod}
   * @param holder who holds it, {@code null} when the holder has not recorded itself yet (it just
   *     took the lock)
   * @param where where the lock lives, e.g. a lock file or an object URL
   * @param crashAdvice what to do when the holder crashed, a whole sentence
   * @param waited how long this run waited before it gave up
   */
  public StateLockedException(
      String stage, LockInfo holder, String where, String crashAdvice, Duration waited) {
    super(message(stage, holder, where, crashAdvice, waited));
    this.holder = holder;
    this.stage = stage;
    this.where = where;
    this.crashAdvice = crashAdvice;
  }

  /** The holder, when known. */
  public Optional<LockInfo> holder() {
    return Optional.ofNullable(holder);
  }

  /**
   * The same conflict, after this run waited {@code waited} for it. A message-only exception is
   * returned unchanged.
   */
  public StateLockedException afterWaiting(Duration waited) {
    if (stage == null) {
      return this;
    }
    StateLockedException later = new StateLockedException(stage, holder, where, crashAdvice,
        waited);
    later.setStackTrace(getStackTrace());
    return later;
  }

  private static String message(
      String stage, LockInfo holder, String where, String crashAdvice, Duration waited) {
    return "Stage " + stage + " is locked by another run: "
        + (holder == null ? "a run that took the lock a moment ago and has not recorded itself yet"
            : holder.describe())
        + " (" + where + "). "
        + (waited.isZero() ? "This run did not wait for it (lockTimeout is 0)."
            : "This run waited " + readable(waited) + " for it.")
        + " Nothing was changed. Wait for that run to finish and run again, or set a lockTimeout"
        + " (-Dalchemy.lockTimeout=PT10M) so that runs of one stage queue and proceed in turn. "
        + crashAdvice;
  }

  /** {@code PT1M30S} reads as {@code 1m 30s}; under a second as milliseconds. */
  static String readable(Duration duration) {
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + " ms";
    }
    long seconds = duration.toSeconds();
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append("h ");
    }
    if (seconds >= 60) {
      out.append(seconds % 3600 / 60).append("m ");
    }
    out.append(seconds % 60).append('s');
    return out.toString();
  }

  /**
   * The advice for stores whose locks only a force-unlock or an expired lease releases: the exact
   * {@code alchemy:unlock} command for this holder.
   */
  public static String unlockAdvice(String stage, LockInfo holder) {
    String stageName = stage.substring(stage.lastIndexOf('/') + 1);
    return "If that run crashed, release its lock with: mvn alchemy:unlock -Dalchemy.stage="
        + stageName + " -Dalchemy.lockId=" + (holder == null ? "<lock id>" : holder.lockId());
  }
}
