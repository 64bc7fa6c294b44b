package io.alchemy.core.engine;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceFailedException;
import io.alchemy.core.plan.PlanAction;
import io.alchemy.core.plan.PlannedChange;
import io.alchemy.core.Scope;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceRecord.Instance;
import io.alchemy.core.state.ResourceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finalizes a run: deferred work, then deletion of what the run no longer wants (orphans, old
 * instances of replaced resources, everything in a destroy-phase scope), newest first, then the
 * removal of scope state nobody entered.
 *
 * <p>Safety first: a scope that failed, and every ancestor of it, deletes nothing; a definition
 * that threw deletes nothing anywhere, since it may not have declared half of what it owns; and
 * every orphan's provider is found before the first deletion, so a missing one changes nothing.
 */
final class Finalizer {

  private final Deployment deployment;
  private final Map<String, ScopeNode> entered = new HashMap<>();
  private final Set<String> blocked = new HashSet<>();
  private final Keyring keyring;

  Finalizer(Deployment deployment) {
    this.deployment = deployment;
    this.keyring = deployment.keyring();
  }

  void run() throws InterruptedException {
    runDeferred();
    // What deferred work started must be done before anything is looked at for deletion.
    deployment.scheduler().awaitEverything();
    if (deployment.settings().phase() == Phase.READ) {
      return;
    }
    boolean destroy = deployment.settings().phase() == Phase.DESTROY;
    if (deployment.definitionFailed() && !destroy) {
      deployment.listener().warning("The definition failed, so nothing is deleted in this run:"
          + " no orphans, no old instances of replaced resources.");
      return;
    }
    List<ScopeNode> scopes;
    synchronized (deployment.scopes()) {
      scopes = new ArrayList<>(deployment.scopes());
    }
    for (ScopeNode scope : scopes) {
      entered.put(scope.path(), scope);
      // Destroying a stage works from state: what the definition did or failed to do there
      // changes nothing about what the stage owns.
      if (scope.failed() && !destroy) {
        for (String p = scope.path(); p != null; p = parentPath(p)) {
          blocked.add(p);
        }
      }
    }
    String forgiven = destroy ? deployment.forgiveFailure() : null;
    if (forgiven != null) {
      deployment.listener().warning("The definition failed in the destroy phase (" + forgiven
          + "); everything the stage's state records is deleted all the same.");
    }
    List<Deletion> deletions = deletions();
    checkProviders(deletions);
    Map<String, String> held = currentIdentities(deletions);
    if (deployment.settings().phase() == Phase.PLAN) {
      planDeletions(deletions, held);
      return;
    }
    // In the reverse of the recorded order, as many at once as it and the parallelism allow.
    Scheduler.Outcome<Deletion> outcome = deployment.scheduler().runInOrder(deletions,
        DeletionOrder.of(deletions, deployment.records().values()), DeletionOrder.NEWEST_FIRST,
        deletion -> () -> {
          delete(deletion, held);
          return null;
        });
    if (!outcome.failures().isEmpty()) {
      throw failure(outcome);
    }
    removeScopeData();
  }

  private void runDeferred() {
    List<Scope.Deferred> work;
    synchronized (deployment.deferred()) {
      work = new ArrayList<>(deployment.deferred());
    }
    for (Scope.Deferred deferred : work) {
      try {
        deferred.run();
      } catch (Exception | Error e) {
        // the scope that deferred it is already marked failed; go on with the rest
      }
    }
  }

  /**
   * A scope's phase as finalization treats it: in a plan, planned scopes stand for what up
   * would do; in any other run, a scope that only plans changes nothing, as one that reads.
   */
  private Phase effective(ScopeNode scope) {
    if (scope.phase() != Phase.PLAN) {
      return scope.phase();
    }
    return deployment.settings().phase() == Phase.PLAN ? Phase.UP : Phase.READ;
  }

  /** What to delete and why; nothing in a blocked or read-phase scope. */
  private List<Deletion> deletions() {
    List<Deletion> deletions = new ArrayList<>();
    int kept = 0;
    // Keyed by address: each record's address is not built again, once per record per run.
    for (Map.Entry<String, ResourceRecord> entry : deployment.records().entrySet()) {
      ResourceRecord record = entry.getValue();
      ScopeNode owner = owner(record.scope());
      if (effective(owner) == Phase.READ) {
        continue;
      }
      boolean wanted = deployment.declared().contains(entry.getKey())
          && effective(owner) == Phase.UP;
      if (blocked.contains(owner.path())) {
        if (!wanted || !record.replacedInstances().isEmpty()) {
          kept++;
        }
        continue;
      }
      for (ResourceRecord.Instance old : record.replacedInstances()) {
        deletions.add(new Deletion(record, owner, old));
      }
      if (!wanted) {
        deletions.add(new Deletion(record, owner, null));
      }
    }
    if (kept > 0) {
      deployment.listener().warning(kept + " resource(s) that this run would delete were kept,"
          + " because their scope or one inside it failed. They are deleted by the next run that"
          + " succeeds.");
    }
    return deletions;
  }

  /** The deepest scope this run entered that contains {@code scopePath}. */
  private ScopeNode owner(String scopePath) {
    for (String p = scopePath; p != null; p = parentPath(p)) {
      ScopeNode scope = entered.get(p);
      if (scope != null) {
        return scope;
      }
    }
    throw new IllegalStateException("the stage scope is always entered");
  }

  private static String parentPath(String path) {
    if (path.isEmpty()) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  private void checkProviders(List<Deletion> deletions) {
    for (Deletion deletion : deletions) {
      String type = deletion.record().type();
      if (deployment.providers().find(type).isEmpty()) {
        throw new AlchemyException("Cannot delete " + deletion.record().fqn() + ": no provider"
            + " of type '" + type + "' is on the classpath (none was used in this run and none is"
            + " registered in META-INF/services/" + ResourceProvider.class.getName() + ")."
            + " Nothing was deleted. Add the dependency that provides " + type + " to the"
            + " project, then run again.");
      }
    }
  }

  /**
   * The things that the records staying after this run point to, for the types about to be
   * deleted: never deleted, whatever an old instance or an orphan says.
   */
  private Map<String, String> currentIdentities(List<Deletion> deletions) {
    if (deletions.isEmpty()) {
      return Map.of();
    }
    Set<String> leaving = new HashSet<>();
    Set<String> types = new HashSet<>();
    for (Deletion deletion : deletions) {
      types.add(deletion.record().type());
      if (deletion.old() == null) {
        leaving.add(deletion.record().address());
      }
    }
    List<ResourceRecord> staying = deployment.records().values().stream()
        .filter(r -> !leaving.contains(r.address()))
        .toList();
    return new Identities(keyring).current(staying, types,
        type -> deployment.providers().find(type).orElse(null),
        record -> context(record, owner(record.scope())));
  }

  private ResourceContext context(ResourceRecord record, ScopeNode owner) {
    return new ResourceContext(owner.withRecordedSettings(record.credentialSettings()),
        record.id(), record.fqn(), deployment.settings().baseDir(), keyring.mask(),
        deployment.settings().hints());
  }

  /** The props and output of the instance a deletion deletes, unsealed and read. */
  private record Read(Object props, Object output) {}

  private Read read(Deletion deletion, ResourceRecord record, ResourceProvider<?, ?> provider) {
    Instance instance = deletion.old() != null ? deletion.old()
        : new Instance(record.props(), record.output());
    return new Read(
        JsonValues.fromTree(keyring.unseal(instance.props(), record.fqn()), provider.propsType(),
            "props of " + record.fqn()),
        JsonValues.fromTree(keyring.unseal(instance.output(), record.fqn()),
            provider.outputType(), "output of " + record.fqn()));
  }

  /** Who keeps the thing {@code identity} names, when a staying record does. */
  private static String holder(ResourceRecord record, String identity, Map<String, String> held) {
    return identity == null ? null : held.get(Identities.key(record.type(), identity));
  }

  /** What a plan shows for the deletions: newest first, nothing that would be handed over. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void planDeletions(List<Deletion> deletions, Map<String, String> held) {
    List<Deletion> newestFirst = new ArrayList<>(deletions);
    newestFirst.sort(DeletionOrder.NEWEST_FIRST);
    for (Deletion deletion : newestFirst) {
      ResourceRecord record = deletion.record();
      ResourceProvider provider = deployment.providers().find(record.type()).orElseThrow();
      Read read = read(deletion, record, provider);
      String identity = Identities.identity(provider, context(record, deletion.owner()),
          read.props(), read.output());
      if (holder(record, identity, held) == null) {
        deployment.runPlan().planned(new PlannedChange(record.fqn(), record.type(),
            PlanAction.DELETE, List.of(), why(deletion)));
      }
    }
  }

  private String why(Deletion deletion) {
    if (deletion.old() != null) {
      return "old instance of a replacement";
    }
    ScopeNode owner = deletion.owner();
    if (owner.phase() == Phase.DESTROY) {
      return "its scope " + owner.chainFqn() + " is destroyed";
    }
    if (!owner.path().equals(deletion.record().scope())) {
      return "its scope " + deployment.settings().app() + "/" + deployment.settings().stage()
          + "/" + deletion.record().scope() + " is no longer entered";
    }
    return "no longer declared";
  }

  /**
   * One failed deletion as it was thrown; several in one exception that names each, and what was
   * kept because it came before one of them.
   */
  private RuntimeException failure(Scheduler.Outcome<Deletion> outcome) {
    if (!outcome.skipped().isEmpty()) {
      List<String> kept = outcome.skipped().stream().map(Deletion::toString).sorted().toList();
      deployment.listener().warning(kept.size() + " deletion(s) did not start, because"
          + " something that came after them could not be deleted: " + String.join(", ", kept)
          + ". They stay in state for the next run.");
    }
    Map<Deletion, Throwable> failures = outcome.failures();
    Throwable first = failures.values().iterator().next();
    if (failures.size() == 1) {
      return first instanceof RuntimeException runtime ? runtime : new AlchemyException(
          AlchemyException.describe(first), first);
    }
    StringBuilder message = new StringBuilder(failures.size() + " deletions failed: ");
    String separator = "";
    // Sorted, so the same failures always read the same; the cause is the first in time.
    for (Map.Entry<Deletion, Throwable> failed : failures.entrySet().stream()
        .sorted(Comparator.comparing(entry -> entry.getKey().toString())).toList()) {
      // The FQN leads; the provider's own words follow.
      Throwable cause = failed.getValue() instanceof ResourceFailedException named
          && named.getCause() != null ? named.getCause() : failed.getValue();
      message.append(separator).append(failed.getKey()).append(" (")
          .append(AlchemyException.describe(cause).replaceAll("\\.$", "")).append(")");
      separator = "; ";
    }
    AlchemyException all = new AlchemyException(message.append(".").toString(), first);
    failures.values().stream().skip(1).forEach(all::addSuppressed);
    return all;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void delete(Deletion deletion, Map<String, String> held) {
    ResourceRecord record = deployment.records().get(deletion.record().address());
    ResourceProvider provider = deployment.providers().find(record.type()).orElseThrow();
    String fqn = record.fqn();
    // Deleted where it was made: with the settings its scope had then (a region, an endpoint).
    ResourceContext context = context(record, deletion.owner());
    boolean quiet = deletion.owner().quiet();
    long start = System.nanoTime();
    Object props;
    Object output;
    try {
      Read read = read(deletion, record, provider);
      props = read.props();
      output = read.output();
    } catch (RuntimeException e) {
      throw deployment.failed(fqn, record.type(), ResourceAction.DELETE, start, e);
    }
    String identity = Identities.identity(provider, context, props, output);
    String holder = holder(record, identity, held);
    if (holder != null) {
      handOver(record, deletion, identity, holder);
      return;
    }
    try {
      deployment.runPlan().requireApprovedDeletion(fqn, deletion.old() != null);
    } catch (RuntimeException notApproved) {
      throw deployment.failed(fqn, record.type(), ResourceAction.DELETE, start, notApproved);
    }
    deployment.listener().resourceStarting(fqn, record.type(), ResourceAction.DELETE, quiet);
    String detail;
    try {
      if (deletion.old() == null) {
        deployment.write(record.with(ResourceStatus.DELETING, record.props(), record.output(),
            record.pendingProps()));
      }
      detail = provider.physicalName(props, output);
      provider.delete(context, props, output);
      if (deletion.old() == null) {
        deployment.forget(record.address());
      } else {
        dropOld(record.address(), deletion.old());
      }
    } catch (Exception | Error e) {
      throw deployment.failed(fqn, record.type(), ResourceAction.DELETE, start, e);
    }
    deployment.report(fqn, record.type(), ResourceAction.DELETE, System.nanoTime() - start,
        quiet, detail, record.predecessors());
  }

  /**
   * Drops an old instance or an orphan from state without deleting it, because a record that
   * stays points to the same thing: deleting it would delete what that record holds.
   */
  private void handOver(ResourceRecord record, Deletion deletion, String identity,
      String holder) {
    if (deletion.old() == null) {
      deployment.forget(record.address());
    } else {
      dropOld(record.address(), deletion.old());
    }
    if (!holder.equals(record.fqn()) || deletion.old() == null) {
      deployment.listener().info("Kept " + identity + " (" + record.type() + "): "
          + (deletion.old() == null ? "orphan " : "old instance of ") + record.fqn()
          + ", now held by " + holder + ", so it is not deleted.");
    }
  }

  /** Removes one old instance from its record; old instances of one record may go at once. */
  private synchronized void dropOld(String address, Instance old) {
    ResourceRecord latest = deployment.records().get(address);
    List<Instance> rest = new ArrayList<>(latest.replacedInstances());
    rest.remove(old);
    deployment.write(latest.withReplaced(rest));
  }

  /** Drops the scope state of scopes this run did not enter or destroyed. */
  private void removeScopeData() {
    for (String scopePath : new ArrayList<>(deployment.state().scopes().keySet())) {
      ScopeNode owner = owner(scopePath);
      boolean keep = blocked.contains(owner.path()) || effective(owner) == Phase.READ
          || (effective(owner) == Phase.UP && owner.path().equals(scopePath));
      if (!keep) {
        deployment.state().removeScope(scopePath);
      }
    }
  }

}
