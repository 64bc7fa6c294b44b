package io.alchemy.bench.crash;

import io.alchemy.core.Phase;
import java.util.List;
import java.util.Map;

/** What one run of a crash round does: deploy workload A, deploy workload B, or destroy. */
public enum Step {
  /** Deploy A. */
  A(Workload.A, Phase.UP),
  /** Deploy B. */
  B(Workload.B, Phase.UP),
  /** Destroy the stage, running A's definition in the destroy phase (a round destroys an A). */
  DESTROY(Workload.A, Phase.DESTROY);

  private final Workload workload;
  private final Phase phase;

  Step(Workload workload, Phase phase) {
    this.workload = workload;
    this.phase = phase;
  }

  /** The workload whose definition the run runs. */
  public Workload workload() {
    return workload;
  }

  /** {@link Phase#UP}, or {@link Phase#DESTROY}. */
  public Phase phase() {
    return phase;
  }

  /** What the stage holds once this step ran to completion: the workload's files, or none. */
  public List<Workload.File> files() {
    return phase == Phase.DESTROY ? List.of() : workload.files();
  }

  /** {@link #files()} by path, with their contents. */
  public Map<String, String> contentByPath() {
    return phase == Phase.DESTROY ? Map.of() : workload.contentByPath();
  }

  /** {@link #files()} by state address. */
  public Map<String, Workload.File> byAddress() {
    return phase == Phase.DESTROY ? Map.of() : workload.byAddress();
  }

  /**
   * How many provider calls this step makes on a stage where {@code from} ran to completion
   * ({@code null}: empty): one per create, update and delete, two per replacement.
   */
  public int providerCalls(Workload from) {
    if (phase == Phase.DESTROY) {
      return from == null ? 0 : from.files().size();
    }
    return Workload.providerCalls(from, workload);
  }
}
