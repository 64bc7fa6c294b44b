package io.alchemy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.PlanAction;
import io.alchemy.core.plan.PropChange;
import io.alchemy.core.plan.PropDiff;
import java.time.Duration;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.SecretTypes;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Brings one declared resource to its desired props: decides whether to create, update, replace
 * or leave it, makes the provider call, and keeps the stage's state one step ahead of it, so that
 * a crash always leaves a record of what may exist. In the read and destroy phases it only
 * returns what state recorded. Safe to call from several threads, one per resource.
 */
final class Reconciler {

  private final Deployment deployment;
  private final Planner planner;

  Reconciler(Deployment deployment) {
    this.deployment = deployment;
    this.planner = new Planner(deployment, this);
  }

  /** Declares {@code id} in {@code scope} in the scope's phase and returns its output. */
  <P, O> O apply(ScopeNode scope, String id, ResourceProvider<P, O> provider, P props,
      ResourceOptions options) throws Exception {
    deployment.providers().register(provider);
    String address = ResourceRecord.address(scope.path(), id);
    String fqn = scope.fqn(id);
    ResourceRecord record = deployment.records().get(address);
    if (record != null && !record.type().equals(provider.type())) {
      throw new AlchemyException("Resource " + fqn + " is recorded as a " + record.type()
          + " but is now declared as a " + provider.type() + ". A resource cannot change type;"
          + " give the new one another id, and the old one is deleted as an orphan.");
    }
    Strand strand = deployment.scheduler().strand();
    switch (scope.phase()) {
      case READ:
        deployment.declared().add(address);
        // What reads a deployed resource's output comes after it, as after one it declares.
        deployment.scheduler().order().add(address, strand.predecessors());
        if (record == null || record.output() == null) {
          throw new AlchemyException("Resource " + fqn + " is not deployed: state at "
              + deployment.state().location() + " has no output for it. The read phase changes"
              + " nothing; deploy it first with the up goal.");
        }
        deployment.report(fqn, provider.type(), ResourceAction.READ, 0, scope.quiet(), null,
            strand.predecessors());
        O read = output(record, provider);
        strand.advance(address);
        return read;
      case DESTROY:
        return record == null ? null : output(record, provider);
      case PLAN:
        deployment.declared().add(address);
        deployment.scheduler().order().add(address, strand.predecessors());
        ResourceRecord recorded = record;
        // Reads of live resources take a call slot, as up's do.
        O planned = reading(recorded, options)
            ? deployment.scheduler().call(
                () -> planner.plan(scope, id, fqn, recorded, provider, props, options))
            : planner.plan(scope, id, fqn, record, provider, props, options);
        strand.advance(address);
        return planned;
      default:
        deployment.declared().add(address);
        List<String> predecessors = strand.predecessors();
        deployment.scheduler().order().add(address, predecessors);
        ResourceRecord known = record;
        O output = deployment.scheduler().call(
            () -> up(scope, id, fqn, known, predecessors, provider, props, options));
        strand.advance(address);
        return output;
    }
  }

  /** Whether planning this resource reads it live: a refresh of a record, or an import. */
  private boolean reading(ResourceRecord record, ResourceOptions options) {
    return record == null ? options.importId() != null : deployment.settings().refresh();
  }

  private <P, O> O up(ScopeNode scope, String id, String fqn, ResourceRecord record,
      List<String> predecessors, ResourceProvider<P, O> provider, P props,
      ResourceOptions options) throws Exception {
    refuseDeployedOnlyLocally(scope, fqn, provider);
    // Found missing before anything is recorded for the resource; started, before that too, only
    // when the resource needs a provider call.
    LocalServerUse local = LocalServerUse.of(deployment, scope, fqn, provider);
    JsonNode desired = JsonValues.toTree(props);
    JsonNode sealed = seal(scope, fqn, provider, desired);
    ResourceContext context = new ResourceContext(scope, id, fqn,
        deployment.settings().baseDir(), deployment.keyring().mask(), deployment.settings().hints());
    Map<String, Map<String, String>> scopeSettings = scope.recordedSettings();
    if (record != null) {
      record = record.withPredecessors(predecessors);
    }
    if (record == null && options.importId() != null) {
      local.start();
      return importExisting(scope, id, fqn, options.importId(), predecessors, provider, props,
          desired, sealed, context, local.settings(scopeSettings));
    }
    if (record == null || record.status() == ResourceStatus.CREATING
        || record.status() == ResourceStatus.DELETING) {
      deployment.runPlan().requireApproved(fqn,
          record == null ? PlanAction.CREATE : PlanAction.ADOPT,
          record == null ? List.of() : PropDiff.between(
              deployment.keyring().unseal(record.props(), fqn), desired));
      local.start();
      check(provider, context, props, ResourceAction.CREATE);
      long seq = record == null ? deployment.nextSeq() : record.seq();
      List<ResourceRecord.Instance> old = record == null ? List.of() : record.replacedInstances();
      boolean sameThing = record != null && !isAnotherThing(record, provider, props, desired);
      if (record != null && !sameThing) {
        // What the interrupted run made, half made or half deleted under the old props is still
        // the stage's, and another thing than the one now wanted: it is deleted at
        // finalization, never forgotten.
        old = new ArrayList<>(old);
        old.add(new ResourceRecord.Instance(record.props(), record.output()));
      }
      ResourceRecord creating = new ResourceRecord(ResourceRecord.FORMAT_VERSION, scope.path(),
          id, fqn, provider.type(), seq, ResourceStatus.CREATING, sealed, null, null, old,
          local.settings(scopeSettings), predecessors);
      // A record creating or deleting the same thing proves Alchemy made what may exist.
      return create(scope, creating, provider, props, context, ResourceAction.CREATE, record,
          sameThing, null);
    }
    // Secrets compare by value: a fresh nonce alone is no change.
    JsonNode recorded = deployment.keyring().unseal(record.props(), fqn);
    // Read once: the no-op path of every unchanged resource goes through here.
    O recordedOutput = output(record, provider);
    boolean refreshed = false;
    JsonNode asRecorded = recorded;
    if (deployment.settings().refresh() && record.status() != ResourceStatus.UPDATING) {
      local.start();
      LiveRead<O> live = refresh(scope, provider, context, record, recorded, recordedOutput);
      if (live.kind() == Live.Kind.MISSING) {
        return createAgain(scope, record, provider, props, context, sealed, local,
            scopeSettings);
      }
      if (live.kind() == Live.Kind.FOUND) {
        // What up changes from, and what the definition gets when nothing changes: the thing
        // as it really is.
        recorded = live.props();
        recordedOutput = live.output();
        refreshed = true;
      }
    }
    boolean requested = deployment.settings().replace().contains(fqn);
    boolean changed = deployment.settings().force() || requested
        || record.status() == ResourceStatus.UPDATING || !JsonValues.same(desired, recorded);
    if (!changed && deployment.unsettled().touch(provider, context, record, props,
        recordedOutput)) {
      changed = true;
    }
    if (!changed) {
      O output = recordedOutput;
      // Unchanged means the desired props equal the recorded ones: no need to read them back.
      // Nor to start a local server to ask whether it is gone, when its data provably rests as
      // this record found it.
      boolean rests = !refreshed && local.restsAsRecorded(record);
      if (!rests) {
        local.start();
      }
      if (refreshed || rests || !provider.gone(context, props, output)) {
        ResourceRecord stamped = rests ? record : local.stamped(record);
        if (refreshed) {
          // The live output is the truth now, and so are the props when someone changed the
          // thing outside to just what is now declared; written only when they differ, so that
          // a refresh with nothing drifted writes nothing.
          // Compared in plain text: sealed only when it is written.
          boolean newOutput = !JsonValues.same(JsonValues.toTree(output),
              deployment.keyring().unseal(record.output(), fqn));
          boolean newProps = !JsonValues.same(desired, asRecorded);
          if (newOutput || newProps) {
            stamped = stamped.with(stamped.status(), newProps ? sealed : stamped.props(),
                newOutput ? sealOutput(scope, fqn, output) : stamped.output(),
                stamped.pendingProps());
          }
        }
        if (stamped != record
            || !predecessors.equals(deployment.records().get(record.address()).predecessors())) {
          // Found on a new generation of its local servers' data, or the code's order changed:
          // what destroy must respect is what this run did.
          deployment.write(stamped);
        }
        deployment.report(fqn, provider.type(), ResourceAction.UNCHANGED, 0, scope.quiet(), null,
            predecessors);
        return output;
      }
      // Gone outside Alchemy's control (a process that ended): create it again, same record.
      return createAgain(scope, record, provider, props, context, sealed, local, scopeSettings);
    }
    local.start();
    List<PropChange> changes = PropDiff.between(recorded, desired);
    P oldProps = JsonValues.fromTree(recorded, provider.propsType(), "props of " + fqn);
    O oldOutput = recordedOutput;
    boolean replace = requested || provider.requiresReplacement(oldProps, props);
    deployment.runPlan().requireApproved(fqn, record.status() == ResourceStatus.UPDATING
        ? PlanAction.FINISH : replace ? PlanAction.REPLACE : PlanAction.UPDATE, changes);
    if (replace) {
      check(provider, context, props, ResourceAction.REPLACE);
    }
    // A replacement asked for with the same props (or the same physical name) makes the same
    // thing again: the old one goes first, or its deletion would take the new one with it.
    if (replace && (provider.deleteBeforeReplace(oldProps, props) || (requested
        && (changes.isEmpty() || sameThing(provider, context, oldProps, oldOutput, props))))) {
      deployment.write(record.with(ResourceStatus.DELETING, record.props(), record.output(),
          null));
      long start = System.nanoTime();
      deployment.listener().resourceStarting(fqn, provider.type(), ResourceAction.DELETE,
          scope.quiet());
      try {
        provider.delete(context, oldProps, oldOutput);
      } catch (Exception | Error e) {
        throw deployment.failed(fqn, provider.type(), ResourceAction.DELETE, start, e);
      }
      deployment.report(fqn, provider.type(), ResourceAction.DELETE, System.nanoTime() - start,
          scope.quiet(), null, predecessors);
      ResourceRecord creating = record.with(ResourceStatus.CREATING, sealed, null, null)
          .withSettings(local.settings(scopeSettings));
      // The old one is gone: if the new name is taken, nothing of this resource remains.
      return create(scope, creating, provider, props, context, ResourceAction.REPLACE, null,
          false, provider.physicalName(oldProps, oldOutput), changes);
    }
    if (replace) {
      List<ResourceRecord.Instance> old = new ArrayList<>(record.replacedInstances());
      old.add(new ResourceRecord.Instance(record.props(), record.output()));
      ResourceRecord creating = record.withReplaced(old)
          .with(ResourceStatus.CREATING, sealed, null, null)
          .withSettings(local.settings(scopeSettings));
      return create(scope, creating, provider, props, context, ResourceAction.REPLACE, record,
          false, provider.physicalName(oldProps, oldOutput), changes);
    }
    deployment.write(record.with(ResourceStatus.UPDATING, record.props(), record.output(),
        sealed));
    long start = System.nanoTime();
    deployment.listener().resourceStarting(fqn, provider.type(), ResourceAction.UPDATE,
        scope.quiet());
    O output;
    try {
      output = provider.update(context, oldProps, props, oldOutput);
    } catch (Exception | Error e) {
      throw deployment.failed(fqn, provider.type(), ResourceAction.UPDATE, start, e);
    }
    deployment.write(record.with(ResourceStatus.UPDATED, sealed,
        sealOutput(scope, fqn, output), null).withSettings(local.settings(scopeSettings)));
    deployment.report(new ResourceReport(fqn, provider.type(), ResourceAction.UPDATE,
        Duration.ofNanos(System.nanoTime() - start), scope.quiet(), null,
        deployment.fqns(predecessors), changes));
    return output;
  }

  /** Creates again, under the same record, what is gone outside Alchemy's control. */
  private <P, O> O createAgain(ScopeNode scope, ResourceRecord record,
      ResourceProvider<P, O> provider, P props, ResourceContext context, JsonNode sealed,
      LocalServerUse local, Map<String, Map<String, String>> scopeSettings) {
    deployment.runPlan().requireApproved(record.fqn(), PlanAction.CREATE, List.of());
    ResourceRecord again = record.with(ResourceStatus.CREATING, sealed, null, null)
        .withSettings(local.settings(scopeSettings));
    return create(scope, again, provider, props, context, ResourceAction.CREATE, record, true,
        null);
  }

  /**
   * What reading a recorded resource live found.
   *
   * @param kind found, missing, or not read
   * @param props the live props as a tree; {@code null} unless found
   * @param output the live output; {@code null} unless found
   * @param drifted whether the live props differ from the recorded ones
   */
  record LiveRead<O>(Live.Kind kind, JsonNode props, O output, boolean drifted) {}

  /**
   * Reads a recorded resource live ({@link ResourceProvider#readLive}) and notes its drift: gone,
   * or props other than {@code recordedProps}. A failure to read fails the resource, with nothing
   * changed for it.
   */
  <P, O> LiveRead<O> refresh(ScopeNode scope, ResourceProvider<P, O> provider,
      ResourceContext context, ResourceRecord record, JsonNode recordedProps, O recordedOutput) {
    long start = System.nanoTime();
    P props = JsonValues.fromTree(recordedProps, provider.propsType(), "props of " + record.fqn());
    // A listener that shows calls as they start (Maven with -X) names a slow read.
    deployment.listener().resourceStarting(record.fqn(), provider.type(), ResourceAction.READ,
        scope.quiet());
    Live<P, O> live;
    try {
      live = provider.readLive(context, props, recordedOutput);
      Objects.requireNonNull(live, () -> provider.type() + ".readLive returned null");
    } catch (Exception | Error e) {
      throw deployment.failed(record.fqn(), provider.type(), ResourceAction.READ, start, e);
    }
    switch (live.kind()) {
      case MISSING:
        deployment.drifted(new Drift(record.fqn(), provider.type(), Drift.Kind.DELETED,
            List.of()), scope.quiet());
        return new LiveRead<>(Live.Kind.MISSING, null, null, true);
      case FOUND:
        JsonNode liveProps = JsonValues.toTree(live.props());
        List<PropChange> drift = PropDiff.between(liveProps, recordedProps);
        if (!drift.isEmpty()) {
          deployment.drifted(new Drift(record.fqn(), provider.type(), Drift.Kind.DRIFTED,
              drift), scope.quiet());
        }
        return new LiveRead<>(Live.Kind.FOUND, liveProps, live.output(), !drift.isEmpty());
      default:
        deployment.unread("of type " + provider.type() + ": " + live.reason());
        return new LiveRead<>(Live.Kind.NOT_READ, null, null, false);
    }
  }

  /**
   * Takes over an existing thing by its id: reads it, records it as it is (nothing is created),
   * then updates it to the declared props where they differ. What cannot be imported (nothing
   * with that id, a thing the declared props would replace, one another resource of the stage
   * already is) fails before anything is recorded.
   */
  private <P, O> O importExisting(ScopeNode scope, String id, String fqn, String importId,
      List<String> predecessors, ResourceProvider<P, O> provider, P props, JsonNode desired,
      JsonNode sealed, ResourceContext context, Map<String, Map<String, String>> settings) {
    long start = System.nanoTime();
    Live<P, O> found;
    try {
      provider.check(context, props);
      found = importable(scope, fqn, importId, provider, props, context);
    } catch (Exception | Error e) {
      throw deployment.failed(fqn, provider.type(), ResourceAction.IMPORT, start, e);
    }
    JsonNode live = JsonValues.toTree(found.props());
    List<PropChange> changes = PropDiff.between(live, desired);
    deployment.runPlan().requireApproved(fqn, PlanAction.IMPORT, changes);
    deployment.listener().resourceStarting(fqn, provider.type(), ResourceAction.IMPORT,
        scope.quiet());
    JsonNode liveSealed = seal(scope, fqn, provider, live);
    ResourceRecord imported = new ResourceRecord(ResourceRecord.FORMAT_VERSION, scope.path(), id,
        fqn, provider.type(), deployment.nextSeq(), ResourceStatus.CREATED, liveSealed,
        sealOutput(scope, fqn, found.output()), null, null, settings, predecessors);
    deployment.write(imported);
    O output = found.output();
    if (!changes.isEmpty()) {
      // Recorded first: if the update fails, the thing is the stage's and the next run
      // finishes the update.
      deployment.write(imported.with(ResourceStatus.UPDATING, liveSealed, imported.output(),
          sealed));
      try {
        output = provider.update(context, found.props(), props, found.output());
      } catch (Exception | Error e) {
        throw deployment.failed(fqn, provider.type(), ResourceAction.IMPORT, start, e);
      }
      deployment.write(imported.with(ResourceStatus.UPDATED, sealed,
          sealOutput(scope, fqn, output), null));
    }
    deployment.report(new ResourceReport(fqn, provider.type(), ResourceAction.IMPORT,
        Duration.ofNanos(System.nanoTime() - start), scope.quiet(), importId,
        deployment.fqns(predecessors), changes));
    return output;
  }

  /**
   * The existing thing {@code importId} names, read by the provider, or an error that says why
   * it cannot be imported. Shared by plan and up, so that both refuse the same imports.
   */
  <P, O> Live<P, O> importable(ScopeNode scope, String fqn, String importId,
      ResourceProvider<P, O> provider, P props, ResourceContext context) throws Exception {
    Live<P, O> found = provider.readById(context, importId, props);
    Objects.requireNonNull(found, () -> provider.type() + ".readById returned null");
    if (found.kind() == Live.Kind.NOT_READ) {
      throw new AlchemyException("Resource " + fqn + " asks to import '" + importId + "', but "
          + found.reason() + ". Remove ResourceOptions.importing to create it instead. Nothing"
          + " was changed.");
    }
    if (found.kind() == Live.Kind.MISSING) {
      throw new AlchemyException("Resource " + fqn + " asks to import '" + importId + "', but no "
          + provider.type() + " with that id exists" + (scope.local() ? " on the local server"
          : "") + ". Check the id (what " + provider.type() + " calls it), or remove"
          + " ResourceOptions.importing to create it. Nothing was changed.");
    }
    if (provider.requiresReplacement(found.props(), props)) {
      List<PropChange> forcing = PropDiff.between(JsonValues.toTree(found.props()),
          JsonValues.toTree(props));
      throw new AlchemyException("Resource " + fqn + " asks to import '" + importId + "', but its"
          + " declared props describe another thing, which up would make by replacing (and so"
          + " deleting) the imported one: " + String.join("; ",
              forcing.stream().map(PropChange::describe).toList()) + ". Declare the props of"
          + " the thing you import (its name above all). Nothing was changed.");
    }
    String identity = Identities.identity(provider, context, found.props(), found.output());
    if (identity != null) {
      ResourceRecord holder = new Identities(deployment.keyring()).owner(provider, context,
          identity, null, deployment.records().values());
      if (holder != null) {
        throw new AlchemyException("Resource " + fqn + " asks to import '" + importId + "', which"
            + " is already resource " + holder.fqn() + " of this stage: one thing cannot be two"
            + " resources. Remove ResourceOptions.importing. Nothing was changed.");
      }
    }
    return found;
  }

  /** Whether the new props would make the very thing the old instance is. */
  private <P, O> boolean sameThing(ResourceProvider<P, O> provider, ResourceContext context,
      P oldProps, O oldOutput, P props) {
    String before = Identities.identity(provider, context, oldProps, oldOutput);
    String after = Identities.identity(provider, context, props, null);
    return before != null && before.equals(after);
  }

  /** Lets the provider refuse props before anything is recorded or made for them. */
  private <P, O> void check(ResourceProvider<P, O> provider, ResourceContext context, P props,
      ResourceAction action) {
    long start = System.nanoTime();
    try {
      provider.check(context, props);
    } catch (Exception | Error e) {
      throw deployment.failed(context.fqn(), provider.type(), action, start, e);
    }
  }

  /**
   * Whether the props a crashed run was creating (or deleting) with describe another thing than
   * {@code props}: what the provider would replace rather than update in place.
   */
  private <P, O> boolean isAnotherThing(ResourceRecord record, ResourceProvider<P, O> provider,
      P props, JsonNode desired) {
    JsonNode recorded = deployment.keyring().unseal(record.props(), record.fqn());
    if (JsonValues.same(desired, recorded)) {
      return false;
    }
    P recordedProps =
        JsonValues.fromTree(recorded, provider.propsType(), "props of " + record.fqn());
    return provider.requiresReplacement(recordedProps, props);
  }

  /**
   * Creates, keeping state one step ahead of the provider.
   *
   * @param previous the record to restore when the provider finds the thing already exists and
   *     it is not adopted ({@code null}: forget the record), so that no later run deletes what
   *     someone else owns
   * @param owned whether state proves Alchemy made what may already exist (a crashed create, a
   *     failed delete): then it is taken over without asking for adopt mode
   */
  private <P, O> O create(ScopeNode scope, ResourceRecord creating,
      ResourceProvider<P, O> provider, P props, ResourceContext context, ResourceAction action,
      ResourceRecord previous, boolean owned, String replacing) {
    return create(scope, creating, provider, props, context, action, previous, owned, replacing,
        List.of());
  }

  private <P, O> O create(ScopeNode scope, ResourceRecord creating,
      ResourceProvider<P, O> provider, P props, ResourceContext context, ResourceAction action,
      ResourceRecord previous, boolean owned, String replacing, List<PropChange> changes) {
    deployment.write(creating);
    long start = System.nanoTime();
    deployment.listener().resourceStarting(creating.fqn(), provider.type(), action, scope.quiet());
    O output;
    ResourceAction done = action;
    try {
      try {
        output = provider.create(context, props);
      } catch (ResourceExistsException exists) {
        boolean proven;
        try {
          proven = owned || ownedByStage(provider, props, context, creating, exists);
        } catch (AlchemyException twoResourcesOneThing) {
          restore(previous, creating.address());
          throw twoResourcesOneThing;
        }
        if (!proven && !scope.adopt()) {
          restore(previous, creating.address());
          throw new AlchemyException(exists.getMessage() + " and is not in the state of this"
              + " stage" + (scope.local() ? " (in local mode it may be what the deployed stage"
              + " made: give local resources their own names when scope.local() is true)" : "")
              + ". To manage it with Alchemy, run again with adoption on ("
              + deployment.settings().hints().adopt() + ", or ScopeOptions.adopt(true) for its"
              + " scope)."
              + " Nothing was changed.", exists);
        }
        try {
          output = adopt(provider, props, context, exists);
        } catch (Exception | Error e) {
          if (!proven) {
            // Nothing was adopted: no record may claim it.
            restore(previous, creating.address());
          }
          throw e;
        }
        done = proven || action != ResourceAction.CREATE ? action : ResourceAction.ADOPT;
      }
    } catch (Exception | Error e) {
      throw deployment.failed(creating.fqn(), provider.type(), action, start, e);
    }
    deployment.write(creating.with(ResourceStatus.CREATED, creating.props(),
        sealOutput(scope, creating.fqn(), output), null));
    String name = provider.physicalName(props, output);
    String detail = replacing != null && name != null ? replacing + " -> " + name : name;
    deployment.report(new ResourceReport(creating.fqn(), provider.type(), done,
        Duration.ofNanos(System.nanoTime() - start), scope.quiet(), detail,
        deployment.fqns(creating.predecessors()), changes));
    return output;
  }

  /**
   * Whether what a create found already there is the stage's own: another record's instance, or
   * an old instance (of a replacement, or of a create interrupted under other props). Then it is
   * taken over without adopt mode, and finalization hands it to this record instead of deleting
   * it. Two resources declared in this run as one thing are an error.
   */
  private <P, O> boolean ownedByStage(ResourceProvider<P, O> provider, P props,
      ResourceContext context, ResourceRecord creating, ResourceExistsException exists) {
    String identity = provider.identity(context, props, null);
    if (identity == null) {
      return false;
    }
    Identities identities = new Identities(deployment.keyring());
    ResourceRecord holder = identities.owner(provider, context, identity, creating,
        deployment.records().values());
    if (holder == null) {
      return false;
    }
    if (!holder.address().equals(creating.address())
        && deployment.declared().contains(holder.address())
        && identity.equals(identities.of(provider, context, holder.props(), holder.output(),
            holder.fqn()))) {
      throw new AlchemyException("Resources " + holder.fqn() + " and " + creating.fqn()
          + " are both " + exists.getMessage().replace(" already exists", "") + ": one thing"
          + " cannot be two resources. Give one of them another " + identityWord(provider)
          + ", or remove one. Nothing was changed for " + creating.fqn() + ".");
    }
    return true;
  }

  private static String identityWord(ResourceProvider<?, ?> provider) {
    return provider.type().startsWith("fs::") ? "path" : "name";
  }

  private void restore(ResourceRecord previous, String address) {
    if (previous == null) {
      deployment.forget(address);
    } else {
      deployment.write(previous);
    }
  }

  /** Takes over what already exists; nothing is deleted or recreated. */
  private <P, O> O adopt(ResourceProvider<P, O> provider, P props, ResourceContext context,
      ResourceExistsException exists) throws Exception {
    O existing = provider.read(context, props).orElseThrow(() -> new AlchemyException(
        exists.getMessage() + ", but " + provider.type() + " cannot read it, so it cannot be"
            + " adopted. Remove or rename it, then run again.", exists));
    return provider.adopt(context, props, existing);
  }

  /** Local mode never touches deployed resources: one without a local alternative is refused. */
  void refuseDeployedOnlyLocally(ScopeNode scope, String fqn, ResourceProvider<?, ?> provider) {
    if (scope.local() && !provider.worksLocally()) {
      throw new AlchemyException("Resource " + fqn + " (" + provider.type() + ") has no local"
          + " alternative, and local mode (" + deployment.settings().hints().local() + ") never"
          + " touches deployed resources. Skip it when running locally: if (!scope.local()) { ... }. Nothing was"
          + " changed.");
    }
  }

  /**
   * The desired props with their secrets sealed. Sealing comes first: a secret without a
   * password fails before anything is written or called; so does a provider whose output may be
   * a secret (a generated password), before the provider makes it.
   */
  JsonNode seal(ScopeNode scope, String fqn, ResourceProvider<?, ?> provider,
      JsonNode desired) {
    JsonNode sealed =
        deployment.keyring().seal(desired, scope.passwordOwner(), "Resource " + fqn);
    if (SecretTypes.mayHold(provider.outputType())) {
      deployment.keyring().requirePassword(scope.passwordOwner(), "The output of resource "
          + fqn + " holds a secret");
    }
    return sealed;
  }

  /** The recorded output of {@code record}, unsealed. */
  <O> O output(ResourceRecord record, ResourceProvider<?, O> provider) {
    return JsonValues.fromTree(deployment.keyring().unseal(record.output(), record.fqn()),
        provider.outputType(), "output of " + record.fqn());
  }

  private JsonNode sealOutput(ScopeNode scope, String fqn, Object output) {
    return deployment.keyring().seal(JsonValues.toTree(output), scope.passwordOwner(),
        "The output of resource " + fqn);
  }
}
