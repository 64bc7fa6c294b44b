package io.alchemy.bench.crash;

/**
 * How a crash round's runs declare their workload: one scope after another with one provider
 * call at a time, or all scopes at once through {@code forEach}, with up to 10 calls in flight
 * when the child is killed. The round's seed decides, so a failing round replays the same way.
 */
public enum Concurrency {
  /** Scope after scope, at parallelism 1: every call finishes before the next starts. */
  SEQUENTIAL("sequential", 1, 0),
  /**
   * {@code forEach} over the 10 scopes at parallelism 10. Each call pauses 2 ms once its file
   * work is done, so that calls overlap and a kill finds several done but not yet recorded.
   */
  FOR_EACH("forEach", 10, 2);

  private final String label;
  private final int parallelism;
  private final long callPauseMillis;

  Concurrency(String label, int parallelism, long callPauseMillis) {
    this.label = label;
    this.parallelism = parallelism;
    this.callPauseMillis = callPauseMillis;
  }

  /**
   * The kind of a round seed: consecutive seeds go through every round type with one kind, then
   * every type with the other, so any {@code 2 * RoundType.values().length} consecutive seeds
   * cover each pair of type and kind once.
   */
  public static Concurrency of(long seed) {
    long types = RoundType.values().length;
    return values()[(int) Math.floorMod(Math.floorDiv(seed, types), (long) values().length)];
  }

  /** {@code sequential} or {@code forEach}. */
  public String label() {
    return label;
  }

  /** The runs' {@code alchemy.parallelism}. */
  public int parallelism() {
    return parallelism;
  }

  /** How long each provider call waits after its file work, before it returns. */
  public long callPauseMillis() {
    return callPauseMillis;
  }
}
