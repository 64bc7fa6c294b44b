package io.alchemy.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code up} would do with one resource.
 *
 * @param fqn the resource's fully qualified name
 * @param type the provider's type name
 * @param action what would be done
 * @param changes the props that change, for an update, a replacement or a finished update
 * @param reason why: for a replacement, the props that force it; for a deletion, what makes it
 *     one (an orphan, an old instance, a destroyed scope); {@code null} when nothing needs saying
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PlannedChange(String fqn, String type, PlanAction action, List<PropChange> changes,
    String reason) {

  /** Never {@code null}. */
  public PlannedChange {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
