package io.alchemy.core.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How a fresh plan differs from an approved one, as lines a reviewer can act on. */
public final class PlanComparison {

  private PlanComparison() {}

  /**
   * The differences between {@code approved} and {@code now}; empty when {@code up} would do
   * exactly what was approved. Order among the changes does not matter: work started at once
   * may be decided in any order.
   */
  public static List<String> differences(Plan approved, Plan now) {
    List<String> differences = new ArrayList<>();
    if (!approved.app().equals(now.app()) || !approved.stage().equals(now.stage())) {
      differences.add("the plan is for " + approved.app() + "/" + approved.stage()
          + ", this run deploys " + now.app() + "/" + now.stage());
      return differences;
    }
    if (!approved.stateFingerprint().equals(now.stateFingerprint())) {
      differences.add("the state changed since the plan was made (the plan saw "
          + approved.stateFingerprint() + ", it is now " + now.stateFingerprint() + ")");
    }
    if (!approved.replace().equals(now.replace())) {
      differences.add("the plan was made with replacements asked for " + approved.replace()
          + ", this run asks for " + now.replace());
    }
    if (approved.refresh() != now.refresh()) {
      differences.add(approved.refresh() ? "the plan was made reading the live resources"
          + " (refresh), this run does not" : "this run reads the live resources (refresh), the"
          + " plan was made without");
    }
    if (approved.force() != now.force()) {
      differences.add(approved.force() ? "the plan was made forcing every update, this run"
          + " does not" : "this run forces every update, the plan was made without");
    }
    Map<PlannedChange, Integer> left = new HashMap<>();
    for (PlannedChange change : approved.changes()) {
      left.merge(change, 1, Integer::sum);
    }
    List<PlannedChange> extra = new ArrayList<>();
    for (PlannedChange change : now.changes()) {
      Integer count = left.get(change);
      if (count == null) {
        extra.add(change);
      } else if (count == 1) {
        left.remove(change);
      } else {
        left.put(change, count - 1);
      }
    }
    for (PlannedChange change : approved.changes()) {
      if (left.containsKey(change)) {
        differences.add("approved but no longer planned: " + describe(change));
        left.remove(change);
      }
    }
    for (PlannedChange change : extra) {
      differences.add("planned now but not approved: " + describe(change));
    }
    if (approved.unchanged() != now.unchanged()) {
      differences.add("the plan left " + approved.unchanged() + " resource(s) unchanged, now "
          + now.unchanged());
    }
    return differences;
  }

  private static String describe(PlannedChange change) {
    StringBuilder text = new StringBuilder(change.action().symbol() + " " + change.action().word()
        + " " + change.fqn() + " (" + change.type() + ")");
    if (change.reason() != null) {
      text.append(": ").append(change.reason());
    }
    for (PropChange prop : change.changes()) {
      text.append("; ").append(prop.describe());
    }
    return text.toString();
  }
}
