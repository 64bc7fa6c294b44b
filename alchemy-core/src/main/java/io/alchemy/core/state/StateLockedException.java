package io.alchemy.core.state;

import io.alchemy.core.Hints;
import java.time.Duration;
import java.util.Optional;

/**
 * Another run holds the stage's lock, and this run gave up waiting for it. Nothing was changed,
 * and nothing of this run's lock was left behind.
 */
public class StateLockedException extends StateException {

  private static final long serialVersionUID = 3L;

  private final LockInfo holder;
  private final String stage;
  private final String where;
  private final String crashAdvice;
  private final boolean unlockable;
  private final Duration waited;

  /** A held lock, described by a complete message, holder unknown. */
  public StateLockedException(String message) {
    super(message);
    this.holder = null;
    this.stage = null;
    this.where = null;
    this.crashAdvice = null;
    this.unlockable = false;
    this.waited = Duration.ZERO;
  }

  /**
   * A held lock, with the standard message: who holds it, where, how long this run waited, and
   * what to do, worded for the Java API until {@link #withHints} words it for what runs Alchemy.
   *
   * @param stage the stage, e.g. {@code my-app/prod}
   * @param holder who holds it, {@code null} when the holder has not recorded itself yet (it just
   *     took the lock)
   * @param where where the lock lives, e.g. a lock file or an object URL
   * @param crashAdvice what happens to the lock when the holder crashed, whole sentences
   * @param unlockable whether a crashed holder's lock can be released by hand ({@link
   *     StateStore#forceUnlock}); the message then says how
   * @param waited how long this run waited before it gave up
   */
  public StateLockedException(String stage, LockInfo holder, String where, String crashAdvice,
      boolean unlockable, Duration waited) {
    this(stage, holder, where, crashAdvice, unlockable, waited, Hints.api());
  }

  private StateLockedException(String stage, LockInfo holder, String where, String crashAdvice,
      boolean unlockable, Duration waited, Hints hints) {
    super(message(stage, holder, where, crashAdvice, unlockable, waited, hints));
    this.holder = holder;
    this.stage = stage;
    this.where = where;
    this.crashAdvice = crashAdvice;
    this.unlockable = unlockable;
    this.waited = waited;
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
    return copy(waited, Hints.api());
  }

  /**
   * The same conflict, its fixes (a lock timeout, releasing a crashed run's lock) worded with
   * {@code hints}. A message-only exception is returned unchanged.
   */
  public StateLockedException withHints(Hints hints) {
    return copy(waited, hints);
  }

  private StateLockedException copy(Duration waited, Hints hints) {
    if (stage == null) {
      return this;
    }
    StateLockedException copy = new StateLockedException(stage, holder, where, crashAdvice,
        unlockable, waited, hints);
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  private static String message(String stage, LockInfo holder, String where, String crashAdvice,
      boolean unlockable, Duration waited, Hints hints) {
    String app = stage.substring(0, Math.max(0, stage.indexOf('/')));
    String stageName = stage.substring(stage.indexOf('/') + 1);
    return "Stage " + stage + " is locked by another run: "
        + (holder == null ? "a run that took the lock a moment ago and has not recorded itself yet"
            : holder.describe())
        + " (" + where + "). "
        + (waited.isZero() ? "This run did not wait for it (lockTimeout is 0)."
            : "This run waited " + readable(waited) + " for it.")
        + " Nothing was changed. Wait for that run to finish and run again, or set a lockTimeout ("
        + hints.lockTimeout() + ") so that runs of one stage queue and proceed in turn."
        + (crashAdvice.isEmpty() ? "" : " " + crashAdvice)
        + (unlockable ? " If that run crashed, release its lock with: " + hints.unlock(app,
            stageName, holder == null ? null : holder.lockId()) : "");
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
}
