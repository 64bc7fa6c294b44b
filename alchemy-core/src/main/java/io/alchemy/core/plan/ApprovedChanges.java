package io.alchemy.core.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of an approved plan, by resource, for the apply that follows it: each provider
 * call is checked against them before it is made, so a value the plan could not know (say, a
 * size computed from an output only up learns) cannot slip in a change nobody reviewed.
 */
public final class ApprovedChanges {

  private final Map<String, List<PlannedChange>> byFqn = new HashMap<>();

  /** The changes of {@code approved}. */
  public ApprovedChanges(Plan approved) {
    for (PlannedChange change : approved.changes()) {
      byFqn.computeIfAbsent(change.fqn(), fqn -> new java.util.ArrayList<>()).add(change);
    }
  }

  /**
   * Why {@code action} with {@code changes} on {@code fqn} was not approved, or {@code null}
   * when it was. A value the plan showed as {@value Unknowns#TEXT} approves any value.
   */
  public String refusal(String fqn, PlanAction action, List<PropChange> changes) {
    List<PlannedChange> planned = byFqn.getOrDefault(fqn, List.of());
    for (PlannedChange change : planned) {
      if (change.action() == action && (action == PlanAction.DELETE
          || matches(change.changes(), changes))) {
        return null;
      }
    }
    StringBuilder now = new StringBuilder(action.word());
    changes.forEach(c -> now.append("; ").append(c.describe()));
    if (planned.isEmpty()) {
      return "up would now " + now + ", which the approved plan does not list";
    }
    StringBuilder then = new StringBuilder();
    for (PlannedChange change : planned) {
      then.append(then.length() == 0 ? "" : " or ").append(change.action().word());
      change.changes().forEach(c -> then.append("; ").append(c.describe()));
    }
    return "up would now " + now + ", where the approved plan says " + then;
  }

  /**
   * Why deleting {@code fqn} was not approved, or {@code null} when it was: an old instance goes
   * with an approved replacement too.
   */
  public String refusalOfDeletion(String fqn, boolean oldInstance) {
    for (PlannedChange change : byFqn.getOrDefault(fqn, List.of())) {
      if (change.action() == PlanAction.DELETE
          || (oldInstance && change.action() == PlanAction.REPLACE)) {
        return null;
      }
    }
    return "up would now delete " + (oldInstance ? "an old instance of it" : "it")
        + ", which the approved plan does not list";
  }

  private static boolean matches(List<PropChange> approved, List<PropChange> now) {
    if (approved.size() != now.size()) {
      return false;
    }
    for (int i = 0; i < approved.size(); i++) {
      PropChange a = approved.get(i);
      PropChange b = now.get(i);
      if (!a.path().equals(b.path()) || a.secret() != b.secret()
          || !same(a.before(), b.before()) || !same(a.after(), b.after())) {
        return false;
      }
    }
    return true;
  }

  /** Equal, or the approved value was unknown when the plan was made. */
  private static boolean same(String approved, String now) {
    if (approved == null || now == null) {
      return approved == now;
    }
    return approved.equals(now) || approved.contains(Unknowns.TEXT);
  }
}
