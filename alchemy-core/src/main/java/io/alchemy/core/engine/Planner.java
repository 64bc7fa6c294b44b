package io.alchemy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceFailedException;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.PlanAction;
import io.alchemy.core.plan.PlannedChange;
import io.alchemy.core.plan.PropChange;
import io.alchemy.core.plan.PropDiff;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.secret.SecretModule;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides, for one declared resource, what {@code up} would do, the way the {@link Reconciler}
 * does, and changes nothing: no provider call that mutates, no state write. It returns what the
 * rest of the definition needs to go on: the recorded output, or the provider's prediction with
 * unknown values as markers.
 */
final class Planner {

  private final Deployment deployment;
  private final Reconciler reconciler;

  Planner(Deployment deployment, Reconciler reconciler) {
    this.deployment = deployment;
    this.reconciler = reconciler;
  }

  <P, O> O plan(ScopeNode scope, String id, String fqn, ResourceRecord record,
      ResourceProvider<P, O> provider, P props, ResourceOptions options) throws Exception {
    // What up would refuse before anything, the plan refuses.
    reconciler.refuseDeployedOnlyLocally(scope, fqn, provider);
    Keyring keyring = deployment.keyring();
    JsonNode desired = JsonValues.toTree(props);
    reconciler.seal(scope, fqn, provider, desired);
    ResourceContext context = new ResourceContext(scope, id, fqn, deployment.settings().baseDir(),
        keyring.mask(), deployment.settings().hints());
    boolean known = !Unknowns.in(desired);
    if (record == null && options.importId() != null) {
      return planImport(scope, fqn, options.importId(), provider, props, desired, context, known);
    }
    if (record == null) {
      check(provider, context, props, known, ResourceAction.CREATE);
      return planned(fqn, provider, PlanAction.CREATE, List.of(), null, context, props, null);
    }
    JsonNode recorded = keyring.unseal(record.props(), fqn);
    O recordedOutput = null;
    String drifted = null;
    boolean settled = record.status() == ResourceStatus.CREATED
        || record.status() == ResourceStatus.UPDATED;
    if (deployment.settings().refresh() && settled && !readable(scope, provider)) {
      deployment.unread("on local servers: a plan starts no local server (up with refresh reads"
          + " them)");
    } else if (deployment.settings().refresh() && settled) {
      recordedOutput = reconciler.output(record, provider);
      Reconciler.LiveRead<O> live =
          reconciler.refresh(scope, provider, context, record, recorded, recordedOutput);
      if (live.kind() == Live.Kind.MISSING) {
        check(provider, context, props, known, ResourceAction.CREATE);
        return planned(fqn, provider, PlanAction.CREATE, List.of(),
            Drift.Kind.DELETED.description(), context, props, null);
      }
      if (live.kind() == Live.Kind.FOUND) {
        drifted = live.drifted() ? "drifted outside Alchemy" : null;
        // up changes from the thing as it really is
        recorded = live.props();
        recordedOutput = live.output();
      }
    }
    List<PropChange> changes = PropDiff.between(recorded, desired);
    if (record.status() == ResourceStatus.CREATING || record.status() == ResourceStatus.DELETING) {
      check(provider, context, props, known, ResourceAction.CREATE);
      return planned(fqn, provider, PlanAction.ADOPT, changes, "a run stopped while "
          + (record.status() == ResourceStatus.CREATING ? "creating" : "deleting") + " it",
          context, props, null);
    }
    if (recordedOutput == null) {
      recordedOutput = reconciler.output(record, provider);
    }
    if (record.status() == ResourceStatus.UPDATING) {
      return planned(fqn, provider, PlanAction.FINISH, changes, "a run stopped while updating"
          + " it", context, props, recordedOutput);
    }
    boolean requested = deployment.settings().replace().contains(fqn);
    if (changes.isEmpty() && !requested) {
      if (deployment.settings().force()) {
        return planned(fqn, provider, PlanAction.UPDATE, changes, "forced", context, props,
            recordedOutput);
      }
      if (deployment.unsettled().touch(provider, context, record, props, recordedOutput)) {
        return planned(fqn, provider, PlanAction.UPDATE, changes, "a stopped run may have"
            + " changed it while taking it over", context, props, recordedOutput);
      }
      // In local mode, asking would start a local server; the plan never does.
      if (!scope.local() && provider.gone(context, props, recordedOutput)) {
        return planned(fqn, provider, PlanAction.CREATE, changes, "gone since it was made",
            context, props, null);
      }
      deployment.runPlan().unchanged();
      return recordedOutput;
    }
    P oldProps = JsonValues.fromTree(recorded, provider.propsType(), "props of " + fqn);
    if (requested || provider.requiresReplacement(oldProps, props)) {
      check(provider, context, props, known, ResourceAction.REPLACE);
      String reason = requested ? "replacement requested"
          : forcing(provider, oldProps, recorded, desired, fqn);
      // A new instance: nothing of the old one's output carries over.
      return planned(fqn, provider, PlanAction.REPLACE, changes, reason, context, props, null);
    }
    return planned(fqn, provider, PlanAction.UPDATE, changes, drifted, context, props,
        recordedOutput);
  }

  /**
   * Whether a plan may read this resource live: in local mode not one on a local server, which
   * the plan never starts.
   */
  private static boolean readable(ScopeNode scope, ResourceProvider<?, ?> provider) {
    return !scope.local() || provider.localServers().isEmpty();
  }

  /** Plans taking over the thing {@code importId} names, refusing what up would refuse. */
  private <P, O> O planImport(ScopeNode scope, String fqn, String importId,
      ResourceProvider<P, O> provider, P props, JsonNode desired, ResourceContext context,
      boolean known) throws Exception {
    check(provider, context, props, known, ResourceAction.IMPORT);
    String reason = "'" + importId + "'";
    if (!readable(scope, provider)) {
      return planned(fqn, provider, PlanAction.IMPORT, List.of(), reason + " (not read: a plan"
          + " starts no local server)", context, props, null);
    }
    Live<P, O> found;
    try {
      found = reconciler.importable(scope, fqn, importId, provider, props, context);
    } catch (Exception | Error e) {
      throw new ResourceFailedException(fqn, provider.type(), ResourceAction.IMPORT, e);
    }
    List<PropChange> changes = PropDiff.between(JsonValues.toTree(found.props()), desired);
    if (changes.isEmpty()) {
      deployment.runPlan().planned(
          new PlannedChange(fqn, provider.type(), PlanAction.IMPORT, changes, reason));
      return found.output();
    }
    return planned(fqn, provider, PlanAction.IMPORT, changes, reason, context, props,
        found.output());
  }

  /**
   * Lets the provider refuse props, as up would, naming the resource as up does; props with
   * unknown values cannot be judged yet.
   */
  private <P> void check(ResourceProvider<P, ?> provider, ResourceContext context, P props,
      boolean known, ResourceAction action) {
    if (known) {
      try {
        provider.check(context, props);
      } catch (Exception | Error e) {
        throw new ResourceFailedException(context.fqn(), provider.type(), action, e);
      }
    }
  }

  private <P, O> O planned(String fqn, ResourceProvider<P, O> provider, PlanAction action,
      List<PropChange> changes, String reason, ResourceContext context, P props, O previous)
      throws Exception {
    deployment.runPlan().planned(new PlannedChange(fqn, provider.type(), action, changes, reason));
    O predicted;
    try {
      predicted = provider.predict(context, props, previous);
    } catch (Exception | Error e) {
      throw new ResourceFailedException(fqn, provider.type(), action == PlanAction.UPDATE
          || action == PlanAction.FINISH ? ResourceAction.UPDATE : action == PlanAction.IMPORT
          ? ResourceAction.IMPORT : ResourceAction.CREATE, e);
    }
    return predicted != null ? predicted : unknownOutput(provider.outputType(), fqn);
  }

  /** Which changed props force the replacement, each tried alone. */
  private <P> String forcing(ResourceProvider<P, ?> provider, P oldProps, JsonNode recorded,
      JsonNode desired, String fqn) {
    List<String> forcing = new ArrayList<>();
    if (recorded.isObject() && desired.isObject()) {
      Iterator<String> names = desired.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (JsonValues.same(recorded.get(name), desired.get(name))) {
          continue;
        }
        ObjectNode one = ((ObjectNode) recorded).deepCopy();
        one.set(name, desired.get(name));
        try {
          P changedAlone = JsonValues.fromTree(one, provider.propsType(), "props of " + fqn);
          if (provider.requiresReplacement(oldProps, changedAlone)) {
            forcing.add(name);
          }
        } catch (RuntimeException notAlone) {
          // props that only make sense together: the sentence below covers them
        }
      }
    }
    if (forcing.isEmpty()) {
      return "the changed props force a replacement";
    }
    return String.join(", ", forcing) + (forcing.size() == 1 ? " forces" : " force")
        + " a replacement";
  }

  /** An output whose strings (and secrets) are unknown and whose other fields are defaults. */
  private <O> O unknownOutput(Class<O> type, String fqn) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        String marker = Unknowns.marker(fqn, component.getName());
        if (component.getType() == String.class) {
          tree.put(component.getName(), marker);
        } else if (component.getType() == Secret.class) {
          tree.putObject(component.getName()).put(SecretModule.PLAIN, marker);
        }
      }
    }
    return JsonValues.fromTree(tree, type, "predicted output of " + fqn);
  }
}
