package io.alchemy.bench.crash;

/**
 * The six kinds of crash round. A round kills a run of one step and then runs a step to
 * completion on what the killed run left; a killed run of B or of a destroy starts from a
 * completed A, so that the kill interrupts removals, updates, replacements, moves and deletions.
 */
public enum RoundType {
  /** Kill during A, then run A: the interrupted run finished by its own definition. */
  A_THEN_A("kill during A, then A", Step.A, Step.A),
  /** Kill during A, then run B: half-made resources whose props change. */
  A_THEN_B("kill during A, then B", Step.A, Step.B),
  /** Kill during B, then run B: interrupted removals, updates, replacements and moves retried. */
  B_THEN_B("kill during B, then B", Step.B, Step.B),
  /** Kill during B, then run A again: interrupted changes undone. */
  B_THEN_A("kill during B, then back to A", Step.B, Step.A),
  /** Kill during a destroy of A, then destroy: interrupted deletions finished. */
  DESTROY_THEN_DESTROY("kill during destroy, then destroy", Step.DESTROY, Step.DESTROY),
  /** Kill during a destroy of A, then run A: half-deleted resources made again. */
  DESTROY_THEN_A("kill during destroy, then A again", Step.DESTROY, Step.A);

  private final String label;
  private final Step killed;
  private final Step completing;

  RoundType(String label, Step killed, Step completing) {
    this.label = label;
    this.killed = killed;
    this.completing = completing;
  }

  /** The type a round seed stands for: consecutive seeds cycle through all of them. */
  public static RoundType of(long seed) {
    return values()[(int) Math.floorMod(seed, (long) values().length)];
  }

  /** e.g. {@code kill during B, then back to A}. */
  public String label() {
    return label;
  }

  /** The step whose run is killed. */
  public Step killed() {
    return killed;
  }

  /** The step that then runs to completion and is checked. */
  public Step completing() {
    return completing;
  }

  /** What is deployed before the killed run: a completed A before B or a destroy, else nothing. */
  public Workload before() {
    return killed == Step.A ? null : Workload.A;
  }

  /** How many provider calls the killed run would make if nothing stopped it. */
  public int killedRunCalls() {
    return killed.providerCalls(before());
  }
}
