package io.alchemy.bench.crash;

import java.util.SplittableRandom;

/**
 * Where a round kills its child: a SIGKILL some milliseconds after the run's first provider call
 * (wherever the engine happens to be, journal writes and finalization included), or a halt of the JVM just before or just after
 * the N-th provider call (deterministic: the same seed dies at the same call).
 *
 * @param kind how
 * @param call for a halt: the provider call, 1-based
 * @param calls for a halt: how many calls the run would make
 * @param delayMillis for a SIGKILL: the time after the child's first provider call
 */
public record KillPoint(Kind kind, int call, int calls, long delayMillis) {

  /** How the child dies. */
  public enum Kind { SIGKILL, HALT_BEFORE_CALL, HALT_AFTER_CALL }

  /**
   * A random kill point, each kind equally likely.
   *
   * @param calls the provider calls of the run to kill
   * @param runMillis how long such a run takes from its first provider call, the range of a
   *     SIGKILL's delay
   */
  static KillPoint random(SplittableRandom random, int calls, long runMillis) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    int call = 1 + random.nextInt(calls);
    long delay = random.nextLong(runMillis + 1);
    return kind == Kind.SIGKILL
        ? new KillPoint(kind, 0, calls, delay)
        : new KillPoint(kind, call, calls, 0);
  }

  /** The child's halt argument: {@code none}, {@code before:N} or {@code after:N}. */
  String haltArgument() {
    return switch (kind) {
      case SIGKILL -> "none";
      case HALT_BEFORE_CALL -> "before:" + call;
      case HALT_AFTER_CALL -> "after:" + call;
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case SIGKILL -> "SIGKILL " + delayMillis + " ms after the first provider call";
      case HALT_BEFORE_CALL -> "halt before provider call " + call + " of " + calls;
      case HALT_AFTER_CALL -> "halt after provider call " + call + " of " + calls;
    };
  }
}
