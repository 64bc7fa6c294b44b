package io.alchemy.core;

import java.time.Duration;
import io.alchemy.core.plan.PropChange;
import java.util.List;

/**
 * One resource action of a run.
 *
 * @param fqn the resource's fully qualified name
 * @param type the provider's type name, e.g. {@code fs::TextFile}
 * @param action what was done
 * @param duration how long the provider call took ({@link Duration#ZERO} when none was made)
 * @param quiet whether the resource's scope asked for no per-resource progress lines
 * @param detail what a person wants to know besides the FQN, e.g. {@code app_db -> app_db_v2}
 *     for a replacement; {@code null} when there is nothing to add
 * @param predecessors the FQNs of what came directly before the resource in the run's order
 *     (for a deletion: in the order it was recorded with); destroy deletes in its reverse
 * @param changes for an update or a replacement, the props that changed (secrets masked)
 */
public record ResourceReport(String fqn, String type, ResourceAction action, Duration duration,
    boolean quiet, String detail, List<String> predecessors, List<PropChange> changes) {

  /** Never {@code null}. */
  public ResourceReport {
    predecessors = predecessors == null ? List.of() : List.copyOf(predecessors);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** A report without changed props. */
  public ResourceReport(String fqn, String type, ResourceAction action, Duration duration,
      boolean quiet, String detail, List<String> predecessors) {
    this(fqn, type, action, duration, quiet, detail, predecessors, List.of());
  }

  /** A report without predecessors. */
  public ResourceReport(String fqn, String type, ResourceAction action, Duration duration,
      boolean quiet, String detail) {
    this(fqn, type, action, duration, quiet, detail, List.of());
  }

  /** A report without detail. */
  public ResourceReport(
      String fqn, String type, ResourceAction action, Duration duration, boolean quiet) {
    this(fqn, type, action, duration, quiet, null);
  }
}
