package io.alchemy.core;

import io.alchemy.core.plan.Drift;
import io.alchemy.core.state.StageRecords;
import java.time.Duration;
import java.util.List;

/**
 * What a run did.
 *
 * @param app the app name
 * @param stage the stage
 * @param phase the run's phase
 * @param resources every resource action, in the order they finished
 * @param duration the run's wall time, opening the state and finalization included
 * @param stateRead the stage's records as the run found them when it opened the state (for a
 *     read, the stage's state), so that a caller can list them without opening the state again;
 *     {@code null} when not known
 * @param drift what reading the live resources ({@code refresh}) found changed or deleted
 *     outside Alchemy, and the run repaired (unless it failed first); empty without refresh
 */
public record RunResult(String app, String stage, Phase phase, List<ResourceReport> resources,
    Duration duration, StageRecords stateRead, List<Drift> drift) {

  /** Copies the lists so the result stays immutable. */
  public RunResult {
    resources = List.copyOf(resources);
    drift = drift == null ? List.of() : List.copyOf(drift);
  }

  /** A result without drift: the run did not read the live resources, or found none changed. */
  public RunResult(String app, String stage, Phase phase, List<ResourceReport> resources,
      Duration duration, StageRecords stateRead) {
    this(app, stage, phase, resources, duration, stateRead, List.of());
  }

  /** A result that does not know the records the run read. */
  public RunResult(
      String app, String stage, Phase phase, List<ResourceReport> resources, Duration duration) {
    this(app, stage, phase, resources, duration, null);
  }

  /** How many resources had {@code action}. */
  public long count(ResourceAction action) {
    return resources.stream().filter(r -> r.action() == action).count();
  }

  /** Resources created. */
  public long created() {
    return count(ResourceAction.CREATE);
  }

  /** Resources updated in place. */
  public long updated() {
    return count(ResourceAction.UPDATE);
  }

  /** Resources replaced by a new instance. */
  public long replaced() {
    return count(ResourceAction.REPLACE);
  }

  /** Resources deleted. */
  public long deleted() {
    return count(ResourceAction.DELETE);
  }

  /** Resources whose props had not changed. */
  public long unchanged() {
    return count(ResourceAction.UNCHANGED);
  }

  /** Resources taken over in adopt mode. */
  public long adopted() {
    return count(ResourceAction.ADOPT);
  }

  /**
   * e.g. {@code 3 created, 1 updated, 0 replaced, 2 deleted, 10 unchanged}, with {@code , 1
   * adopted} when something was adopted, {@code , 1 imported} when something was imported, and
   * {@code ; 2 drifted} when a live read found resources changed or deleted outside Alchemy.
   */
  public String summary() {
    long imported = count(ResourceAction.IMPORT);
    String counts =
        created() + " created, " + updated() + " updated, " + replaced() + " replaced, "
            + deleted() + " deleted, " + unchanged() + " unchanged"
            + (adopted() > 0 ? ", " + adopted() + " adopted" : "")
            + (imported > 0 ? ", " + imported + " imported" : "")
            + (drift.isEmpty() ? "" : "; " + drift.size() + " drifted");
    return phase == Phase.READ ? count(ResourceAction.READ) + " read" : counts;
  }
}
