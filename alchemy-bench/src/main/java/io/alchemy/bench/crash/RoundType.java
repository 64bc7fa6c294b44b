package io.alchemy.bench.crash;

/**
 * The four kinds of crash round. A round kills a run of one workload and then runs a workload to
 * completion on what the killed run left; a killed run of B starts from a completed A, so that
 * the kill interrupts removals, updates, replacements and moves.
 */
public enum RoundType {
  /** Kill during A, then run A: the interrupted run finished by its own definition. */
  A_THEN_A("kill during A, then A", Workload.A, Workload.A),
  /** Kill during A, then run B: half-made resources whose props change. */
  A_THEN_B("kill during A, then B", Workload.A, Workload.B),
  /** Kill during B, then run B: interrupted removals, updates, replacements and moves retried. */
  B_THEN_B("kill during B, then B", Workload.B, Workload.B),
  /** Kill during B, then run A again: interrupted changes undone. */
  B_THEN_A("kill during B, then back to A", Workload.B, Workload.A);

  private final String label;
  private final Workload killed;
  private final Workload completing;

  RoundType(String label, Workload killed, Workload completing) {
    this.label = label;
    this.killed = killed;
    this.completing = completing;
  }

  /** The type a round seed stands for: consecutive seeds cycle through the four. */
  public static RoundType of(long seed) {
    return values()[(int) Math.floorMod(seed, (long) values().length)];
  }

  /** e.g. {@code kill during B, then back to A}. */
  public String label() {
    return label;
  }

  /** The workload whose run is killed. */
  public Workload killed() {
    return killed;
  }

  /** The workload that then runs to completion and is checked. */
  public Workload completing() {
    return completing;
  }

  /** What is deployed before the killed run: a completed A before B, nothing before A. */
  public Workload before() {
    return killed == Workload.B ? Workload.A : null;
  }
}
