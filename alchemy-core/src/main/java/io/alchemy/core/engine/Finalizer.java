package io.alchemy.core.engine;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.Scope;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.ResourceRecord;
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

  void run() throws RuntimeException {
    runDeferred();
    if (deployment.settings().phase() == Phase.READ) {
      return;
    }
    if (deployment.definitionFailed()) {
      deployment.listener().warning("The definition failed, so nothing is deleted in this run:"
          + " no orphans, no old instances of replaced resources"
          + (deployment.settings().phase() == Phase.DESTROY ? ", nothing destroyed." : "."));
      return;
    }
    List<ScopeNode> scopes;
    synchronized (deployment.scopes()) {
      scopes = new ArrayList<>(deployment.scopes());
    }
    for (ScopeNode scope : scopes) {
      entered.put(scope.path(), scope);
      if (scope.failed()) {
        for (String p = scope.path(); p != null; p = parentPath(p)) {
          blocked.add(p);
        }
      }
    }
    List<Deletion> deletions = plan();
    checkProviders(deletions);
    deletions.sort(Comparator.comparingLong(Deletion::seq).reversed());
    for (Deletion deletion : deletions) {
      delete(deletion);
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

  /** What to delete and why; nothing in a blocked or read-phase scope. */
  private List<Deletion> plan() {
    List<Deletion> deletions = new ArrayList<>();
    int kept = 0;
    for (ResourceRecord record : deployment.records().values()) {
      ScopeNode owner = owner(record.scope());
      if (owner.phase() == Phase.READ) {
        continue;
      }
      boolean wanted = deployment.declared().contains(record.address())
          && owner.phase() == Phase.UP;
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

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void delete(Deletion deletion) {
    ResourceRecord record = deployment.records().get(deletion.record().address());
    ResourceProvider provider = deployment.providers().find(record.type()).orElseThrow();
    String fqn = record.fqn();
    ResourceContext context = new ResourceContext(deletion.owner(), record.id(), fqn,
        deployment.settings().baseDir());
    boolean quiet = deletion.owner().quiet();
    long start = System.nanoTime();
    deployment.listener().resourceStarting(fqn, record.type(), ResourceAction.DELETE, quiet);
    String detail;
    try {
      if (deletion.old() != null) {
        Object props = JsonValues.fromTree(keyring.unseal(deletion.old().props(), fqn),
            provider.propsType(), "props of " + fqn);
        Object output = JsonValues.fromTree(keyring.unseal(deletion.old().output(), fqn),
            provider.outputType(), "output of " + fqn);
        detail = provider.physicalName(props, output);
        provider.delete(context, props, output);
        List<ResourceRecord.Instance> rest = new ArrayList<>(record.replacedInstances());
        rest.remove(deletion.old());
        deployment.write(record.withReplaced(rest));
      } else {
        deployment.write(record.with(ResourceStatus.DELETING, record.props(), record.output(),
            record.pendingProps()));
        Object props = JsonValues.fromTree(keyring.unseal(record.props(), fqn),
            provider.propsType(), "props of " + fqn);
        Object output = JsonValues.fromTree(keyring.unseal(record.output(), fqn),
            provider.outputType(), "output of " + fqn);
        detail = provider.physicalName(props, output);
        provider.delete(context, props, output);
        deployment.forget(record.address());
      }
    } catch (Exception | Error e) {
      throw deployment.failed(fqn, record.type(), ResourceAction.DELETE, start, e);
    }
    deployment.report(fqn, record.type(), ResourceAction.DELETE, System.nanoTime() - start,
        quiet, detail);
  }

  /** Drops the scope state of scopes this run did not enter or destroyed. */
  private void removeScopeData() {
    for (String scopePath : new ArrayList<>(deployment.state().scopes().keySet())) {
      ScopeNode owner = owner(scopePath);
      boolean keep = blocked.contains(owner.path()) || owner.phase() == Phase.READ
          || (owner.phase() == Phase.UP && owner.path().equals(scopePath));
      if (!keep) {
        deployment.state().removeScope(scopePath);
      }
    }
  }

  /** One instance to delete: the record itself ({@code old == null}) or an old instance. */
  private record Deletion(ResourceRecord record, ScopeNode owner, ResourceRecord.Instance old) {
    long seq() {
      return record.seq();
    }
  }
}
