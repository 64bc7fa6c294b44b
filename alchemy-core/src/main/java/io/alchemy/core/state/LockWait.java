package io.alchemy.core.state;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waiting for a stage lock: tries to take it, and while another run holds it, tries again after
 * growing pauses until it is taken or the lock timeout has passed. Stores without a blocking
 * acquire (a file lock with a deadline, a conditional S3 write) share this one schedule.
 *
 * <p>The pauses start short (a released lock is usually taken again within tens of
 * milliseconds) and grow to at most a quarter of a second, with jitter so that several waiting
 * runs do not poll in lockstep. Each waiting run proceeds as soon as it finds the lock free, so
 * runs of one stage queue and proceed in turn.
 */
public final class LockWait {

  private static final long FIRST_PAUSE_MILLIS = 20;
  private static final long LONGEST_PAUSE_MILLIS = 250;

  /** One attempt to take a lock. */
  @FunctionalInterface
  public interface Attempt<T> {

    /**
     * Takes the lock, or throws {@link StateLockedException} and leaves nothing behind when
     * another run holds it.
     */
    T tryOnce();
  }

  private LockWait() {}

  /**
   * Takes a lock, waiting up to {@code timeout} while another run holds it.
   *
   * @param timeout how long to wait; {@link Duration#ZERO} tries once
   * @param attempt one attempt
   * @return what the successful attempt returned
   * @throws StateLockedException from the last attempt, telling how long this run waited (the
   *     whole timeout)
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public static <T> T acquire(Duration timeout, Attempt<T> attempt) {
    checkTimeout(timeout);
    long start = System.nanoTime();
    long deadline = start + saturatedNanos(timeout);
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      StateLockedException held;
      try {
        return attempt.tryOnce();
      } catch (StateLockedException e) {
        held = e;
      }
      long now = System.nanoTime();
      long left = deadline - now;
      if (left <= 0) {
        // the configured timeout, not the measured time: it is the setting the user can change
        throw held.afterWaiting(timeout);
      }
      long jittered = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1) + pause / 4;
      long sleep = Math.min(jittered, Math.max(1, left / 1_000_000));
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw held.afterWaiting(Duration.ofNanos(System.nanoTime() - start));
      }
      pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
    }
  }

  /**
   * Checks a lock timeout.
   *
   * @throws IllegalArgumentException when it is negative
   */
  public static Duration checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "lockTimeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("lockTimeout " + timeout + " is negative. Set it to 0 to"
          + " fail at once when the stage is locked, or to how long a run may wait, e.g. PT10M.");
    }
    return timeout;
  }

  private static long saturatedNanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }
}
