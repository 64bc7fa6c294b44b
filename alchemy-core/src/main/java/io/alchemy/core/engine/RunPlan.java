package io.alchemy.core.engine;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.plan.ApprovedChanges;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanAction;
import io.alchemy.core.plan.PlannedChange;
import io.alchemy.core.plan.PropChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plan side of one run: in the plan phase, what it decides for each resource (in the order
 * decided, deletions last); in an approved apply, the plan every provider call is held to.
 * Safe to call from several threads.
 */
final class RunPlan {

  private final RunSettings settings;
  private final List<PlannedChange> planned = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong unchanged = new AtomicLong();
  private final List<Drift> drift = Collections.synchronizedList(new ArrayList<>());
  private volatile ApprovedChanges approved;

  RunPlan(RunSettings settings) {
    this.settings = settings;
  }

  /** Notes what {@code up} would do with one resource. */
  void planned(PlannedChange change) {
    planned.add(change);
  }

  /** Notes what a live read found changed or deleted outside Alchemy. */
  void drifted(Drift found) {
    drift.add(found);
  }

  /** What live reads found so far, in the order found. */
  List<Drift> drift() {
    synchronized (drift) {
      return List.copyOf(drift);
    }
  }

  /** Notes one resource {@code up} would leave as it is. */
  void unchanged() {
    unchanged.incrementAndGet();
  }

  /** What was decided, on state with {@code fingerprint}, with the replacements asked for. */
  Plan result(String fingerprint) {
    List<PlannedChange> changes;
    synchronized (planned) {
      changes = new ArrayList<>(planned);
    }
    return new Plan(Plan.FORMAT_VERSION, settings.app(), settings.stage(), fingerprint, changes,
        unchanged.get(), List.copyOf(settings.replace()), settings.force(), settings.refresh(),
        drift());
  }

  /** Holds every later provider call to {@code plan}. */
  void holdTo(Plan plan) {
    approved = new ApprovedChanges(plan);
  }

  /** Refuses a change an approved plan does not list; nothing when not held to one. */
  void requireApproved(String fqn, PlanAction action, List<PropChange> changes) {
    ApprovedChanges held = approved;
    if (held != null) {
      refuseUnless(fqn, held.refusal(fqn, action, changes));
    }
  }

  /** Refuses a deletion an approved plan does not list; nothing when not held to one. */
  void requireApprovedDeletion(String fqn, boolean oldInstance) {
    ApprovedChanges held = approved;
    if (held != null) {
      refuseUnless(fqn, held.refusalOfDeletion(fqn, oldInstance));
    }
  }

  private static void refuseUnless(String fqn, String refusal) {
    if (refusal != null) {
      throw new AlchemyException("Resource " + fqn + " was not changed: " + refusal + ". A value"
          + " the plan could not know decided it; nothing was done for this resource. Make a new"
          + " plan, review it, and apply that one.");
    }
  }
}
