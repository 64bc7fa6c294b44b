package io.alchemy.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceFailedException;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.Scope;
import io.alchemy.core.local.LocalServers;
import io.alchemy.core.provider.ProviderRegistry;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.SecretTypes;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.StageState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a definition against one stage: the engine. It owns the in-memory view of the
 * stage's records, decides per resource what to do, and keeps state one step ahead of every
 * provider call. Safe to call from several threads.
 */
public final class Deployment {

  private final RunSettings settings;
  private final StageState state;
  private final ProviderRegistry providers;
  private final RunListener listener;
  private final Map<String, ResourceRecord> records;
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextSeq;
  private final List<ResourceReport> reports = Collections.synchronizedList(new ArrayList<>());
  private final List<ScopeNode> scopes = Collections.synchronizedList(new ArrayList<>());
  private final List<Scope.Deferred> deferred = Collections.synchronizedList(new ArrayList<>());
  private final List<Scope.Cleanup> cleanups = Collections.synchronizedList(new ArrayList<>());
  private final long started = System.nanoTime();
  private Keyring keyring;
  private final AtomicBoolean cleanupsStarted = new AtomicBoolean();
  private Consumer<List<Scope.Cleanup>> cleanupOwner;
  private LocalServers localServers;
  private boolean ownsLocalServers;
  private volatile boolean definitionFailed;
  private boolean failedInFinalization;
  private String failedFqn;
  private Throwable failure;
  private final Set<Throwable> charged =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private Scheduler scheduler;

  /**
   * @param settings the run's settings
   * @param state the stage's state, opened for this run; closed by {@link #execute}
   * @param providers where orphans' providers are found
   * @param listener receives progress
   */
  public Deployment(
      RunSettings settings, StageState state, ProviderRegistry providers, RunListener listener) {
    this.settings = settings;
    this.state = state;
    this.providers = providers;
    this.listener = listener;
    this.records = new ConcurrentHashMap<>(state.resources());
    this.keyring = new Keyring(settings.app(), settings.stage(), settings.password());
    this.nextSeq = new AtomicLong(
        records.values().stream().mapToLong(ResourceRecord::seq).max().orElse(0) + 1);
  }

  /**
   * Runs {@code definition} in the stage scope, finalizes, runs cleanup handlers and closes the
   * state.
   *
   * @throws DeploymentFailedException when anything failed; finalization still ran as far as safe
   */
  public RunResult execute(InfrastructureDefinition definition) {
    try {
      // A wrong app password must fail before the definition changes anything.
      keyring.verify("", state);
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
    // Ctrl-C or SIGTERM during the run still runs the cleanup handlers, once.
    Thread onExit = new Thread(this::runCleanups, "alchemy-cleanup-handlers");
    Runtime.getRuntime().addShutdownHook(onExit);
    scheduler = new Scheduler(settings.parallelism(), "alchemy-" + settings.stage());
    try {
      ScopeNode stage = ScopeNode.root(this).stageScope();
      scopes.add(stage);
      define(definition, stage);
      try {
        new Finalizer(this).run();
      } catch (RuntimeException | Error e) {
        failedInFinalization = failedFqn == null;
        recordFailure(settings.app() + "/" + settings.stage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        recordFailure(settings.app() + "/" + settings.stage(), e);
      }
    } finally {
      scheduler.close();
      runCleanups();
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: the handlers run once either way
      }
      // After the handlers, which may still use a local database.
      closeOwnLocalServers();
      try {
        state.close();
      } catch (RuntimeException e) {
        recordFailure(settings.app() + "/" + settings.stage(), e);
      }
    }
    RunResult result = result();
    synchronized (this) {
      if (failure != null || failedFqn != null) {
        String cause = failure == null ? "the scope called fail()"
            : AlchemyException.describe(failure);
        String advice = settings.phase() == Phase.DESTROY ? " What was not deleted stays in"
                + " state; fix the cause and run destroy again."
            : settings.phase() == Phase.READ || failedInFinalization ? ""
            : " No orphans were deleted in the failed scope or its parents; fix the cause and run"
                + " again, unfinished work is picked up from state.";
        throw new DeploymentFailedException(failedFqn, "Scope " + failedFqn + " failed: "
            + sentence(cause) + advice, failure, result);
      }
    }
    return result;
  }

  /**
   * Runs the definition in the stage scope and waits for all the work it started, as a child
   * scope's body does.
   */
  private void define(InfrastructureDefinition definition, ScopeNode stage) {
    Throwable failed = null;
    try {
      definition.define(stage);
    } catch (Exception | Error e) {
      failed = e;
      stage.markFailed(e);
    }
    try {
      Exception branchFailure = stage.awaitBranches();
      if (failed == null && branchFailure != null) {
        failed = branchFailure;
        stage.markFailed(branchFailure);
      }
      scheduler.awaitEverything();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed = failed == null ? e : failed;
      stage.markFailed(e);
    }
    definitionFailed = failed != null;
  }

  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }

  RunResult result() {
    return new RunResult(settings.app(), settings.stage(), settings.phase(), List.copyOf(reports),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Clears the failure recorded so far and says what it was ({@code "<fqn>: <cause>"}), or
   * returns {@code null} when nothing failed. Destroying a stage does not stop at a failing
   * definition; what fails while deleting is then the run's failure.
   */
  synchronized String forgiveFailure() {
    if (failedFqn == null) {
      return null;
    }
    String what = failedFqn + ": " + (failure == null ? "the scope called fail()"
        : AlchemyException.describe(failure)
            + (failure instanceof NullPointerException ? "; in the destroy phase a resource"
                + " that is not in state returns null, so check scope.phase() before using its"
                + " output" : ""));
    failedFqn = null;
    failure = null;
    return what;
  }

  /** The first failure wins: the innermost scope sees it first. */
  synchronized void recordFailure(String fqn, Throwable error) {
    if (failedFqn == null) {
      failedFqn = fqn;
      failure = error;
    } else if (failure == null && error != null && fqn.equals(failedFqn)) {
      failure = error;
    }
  }

  <P, O> O apply(ScopeNode scope, String id, ResourceProvider<P, O> provider, P props)
      throws Exception {
    providers.register(provider);
    String address = ResourceRecord.address(scope.path(), id);
    String fqn = scope.fqn(id);
    ResourceRecord record = records.get(address);
    if (record != null && !record.type().equals(provider.type())) {
      throw new AlchemyException("Resource " + fqn + " is recorded as a " + record.type()
          + " but is now declared as a " + provider.type() + ". A resource cannot change type;"
          + " give the new one another id, and the old one is deleted as an orphan.");
    }
    Strand strand = scheduler.strand();
    switch (scope.phase()) {
      case READ:
        declared.add(address);
        // What reads a deployed resource's output comes after it, as after one it declares.
        scheduler.order().add(address, strand.predecessors());
        if (record == null || record.output() == null) {
          throw new AlchemyException("Resource " + fqn + " is not deployed: state at "
              + state.location() + " has no output for it. The read phase changes nothing;"
              + " deploy it first with the up goal.");
        }
        report(fqn, provider.type(), ResourceAction.READ, 0, scope.quiet(), null,
            strand.predecessors());
        O read = output(record, provider);
        strand.advance(address);
        return read;
      case DESTROY:
        return record == null ? null : output(record, provider);
      default:
        declared.add(address);
        List<String> predecessors = strand.predecessors();
        scheduler.order().add(address, predecessors);
        ResourceRecord known = record;
        O output = scheduler.call(() -> up(scope, id, fqn, known, predecessors, provider, props));
        strand.advance(address);
        return output;
    }
  }

  private <P, O> O up(ScopeNode scope, String id, String fqn, ResourceRecord record,
      List<String> predecessors, ResourceProvider<P, O> provider, P props) throws Exception {
    if (scope.local() && !provider.worksLocally()) {
      throw new AlchemyException("Resource " + fqn + " (" + provider.type() + ") has no local"
          + " alternative, and local mode (-Dalchemy.local, alchemy:dev) never touches deployed"
          + " resources. Skip it when running locally: if (!scope.local()) { ... }. Nothing was"
          + " changed.");
    }
    if (scope.local()) {
      // Started (or found missing) before anything is recorded for the resource.
      for (Class<?> kind : provider.localServers()) {
        try {
          scope.localServer(kind);
        } catch (AlchemyException e) {
          throw new AlchemyException("Resource " + fqn + " (" + provider.type() + ") runs on a"
              + " local server in local mode. " + e.getMessage(), e);
        }
      }
    }
    JsonNode desired = JsonValues.toTree(props);
    // Sealing first: a secret without a password fails before anything is written or called.
    JsonNode sealed = keyring.seal(desired, scope.passwordOwner(), "Resource " + fqn);
    if (SecretTypes.mayHold(provider.outputType())) {
      // Its output may be a secret (a generated password): refuse before the provider makes it.
      keyring.requirePassword(scope.passwordOwner(), "The output of resource " + fqn
          + " holds a secret");
    }
    ResourceContext context = new ResourceContext(scope, id, fqn, settings.baseDir(),
        keyring.mask());
    Map<String, Map<String, String>> scopeSettings = scope.recordedSettings();
    if (record != null) {
      record = record.withPredecessors(predecessors);
    }
    if (record == null || record.status() == ResourceStatus.CREATING
        || record.status() == ResourceStatus.DELETING) {
      check(provider, context, props, ResourceAction.CREATE);
      long seq = record == null ? nextSeq.getAndIncrement() : record.seq();
      List<ResourceRecord.Instance> old = record == null ? List.of() : record.replacedInstances();
      boolean sameThing = record != null && !isAnotherThing(record, provider, props, desired);
      if (record != null && !sameThing) {
        // What the interrupted run made, half made or half deleted under the old props is still
        // the stage's, and another thing than the one now wanted: it is deleted at
        // finalization, never forgotten.
        old = new ArrayList<>(old);
        old.add(new ResourceRecord.Instance(record.props(), record.output()));
      }
      ResourceRecord creating = new ResourceRecord(ResourceRecord.FORMAT_VERSION, scope.path(), id,
          fqn, provider.type(), seq, ResourceStatus.CREATING, sealed, null, null, old,
          scopeSettings, predecessors);
      // A record creating or deleting the same thing proves Alchemy made what may exist.
      return create(scope, creating, provider, props, context, ResourceAction.CREATE, record,
          sameThing, null);
    }
    // Secrets compare by value: a fresh nonce alone is no change.
    JsonNode recorded = keyring.unseal(record.props(), fqn);
    boolean changed = settings.force() || record.status() == ResourceStatus.UPDATING
        || !JsonValues.same(desired, recorded);
    if (!changed) {
      O output = output(record, provider);
      // Unchanged means the desired props equal the recorded ones: no need to read them back.
      if (!provider.gone(context, props, output)) {
        if (!predecessors.equals(records.get(record.address()).predecessors())) {
          // The code's order changed: what destroy must respect is what this run did.
          write(record);
        }
        report(fqn, provider.type(), ResourceAction.UNCHANGED, 0, scope.quiet(), null,
            predecessors);
        return output;
      }
      // Gone outside Alchemy's control (a process that ended): create it again, same record.
      ResourceRecord again =
          record.with(ResourceStatus.CREATING, sealed, null, null).withSettings(scopeSettings);
      return create(scope, again, provider, props, context, ResourceAction.CREATE, record, true,
          null);
    }
    P oldProps = JsonValues.fromTree(recorded, provider.propsType(), "props of " + fqn);
    boolean replace = provider.requiresReplacement(oldProps, props);
    if (replace) {
      check(provider, context, props, ResourceAction.REPLACE);
    }
    if (replace && provider.deleteBeforeReplace(oldProps, props)) {
      O oldOutput = output(record, provider);
      write(record.with(ResourceStatus.DELETING, record.props(), record.output(), null));
      long start = System.nanoTime();
      listener.resourceStarting(fqn, provider.type(), ResourceAction.DELETE, scope.quiet());
      try {
        provider.delete(context, oldProps, oldOutput);
      } catch (Exception | Error e) {
        throw failed(fqn, provider.type(), ResourceAction.DELETE, start, e);
      }
      report(fqn, provider.type(), ResourceAction.DELETE, System.nanoTime() - start,
          scope.quiet(), null, predecessors);
      ResourceRecord creating =
          record.with(ResourceStatus.CREATING, sealed, null, null).withSettings(scopeSettings);
      // The old one is gone: if the new name is taken, nothing of this resource remains.
      return create(scope, creating, provider, props, context, ResourceAction.REPLACE, null,
          false, provider.physicalName(oldProps, oldOutput));
    }
    if (replace) {
      List<ResourceRecord.Instance> old = new ArrayList<>(record.replacedInstances());
      old.add(new ResourceRecord.Instance(record.props(), record.output()));
      ResourceRecord creating = record.withReplaced(old)
          .with(ResourceStatus.CREATING, sealed, null, null).withSettings(scopeSettings);
      return create(scope, creating, provider, props, context, ResourceAction.REPLACE, record,
          false, provider.physicalName(oldProps, output(record, provider)));
    }
    O oldOutput = output(record, provider);
    write(record.with(ResourceStatus.UPDATING, record.props(), record.output(), sealed));
    long start = System.nanoTime();
    listener.resourceStarting(fqn, provider.type(), ResourceAction.UPDATE, scope.quiet());
    O output;
    try {
      output = provider.update(context, oldProps, props, oldOutput);
    } catch (Exception | Error e) {
      throw failed(fqn, provider.type(), ResourceAction.UPDATE, start, e);
    }
    write(record.with(ResourceStatus.UPDATED, sealed, sealOutput(scope, fqn, output), null)
        .withSettings(scopeSettings));
    report(fqn, provider.type(), ResourceAction.UPDATE, System.nanoTime() - start, scope.quiet(),
        null, predecessors);
    return output;
  }

  /** Lets the provider refuse props before anything is recorded or made for them. */
  private <P, O> void check(ResourceProvider<P, O> provider, ResourceContext context, P props,
      ResourceAction action) {
    long start = System.nanoTime();
    try {
      provider.check(context, props);
    } catch (Exception | Error e) {
      throw failed(context.fqn(), provider.type(), action, start, e);
    }
  }

  /**
   * Whether the props a crashed run was creating (or deleting) with describe another thing than
   * {@code props}: what the provider would replace rather than update in place.
   */
  private <P, O> boolean isAnotherThing(ResourceRecord record, ResourceProvider<P, O> provider,
      P props, JsonNode desired) {
    JsonNode recorded = keyring.unseal(record.props(), record.fqn());
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
    write(creating);
    long start = System.nanoTime();
    listener.resourceStarting(creating.fqn(), provider.type(), action, scope.quiet());
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
              + ". To manage it with Alchemy, run again with adoption on: -Dalchemy.adopt"
              + " (Alchemy.builder().adopt(true), or ScopeOptions.adopt(true) for its scope)."
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
      throw failed(creating.fqn(), provider.type(), action, start, e);
    }
    write(creating.with(ResourceStatus.CREATED, creating.props(),
        sealOutput(scope, creating.fqn(), output), null));
    String name = provider.physicalName(props, output);
    String detail = replacing != null && name != null ? replacing + " -> " + name : name;
    report(creating.fqn(), provider.type(), done, System.nanoTime() - start, scope.quiet(),
        detail, creating.predecessors());
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
    Identities identities = new Identities(keyring);
    ResourceRecord holder = identities.owner(provider, context, identity, creating,
        records.values());
    if (holder == null) {
      return false;
    }
    if (!holder.address().equals(creating.address()) && declared.contains(holder.address())
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
      forget(address);
    } else {
      write(previous);
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

  private <O> O output(ResourceRecord record, ResourceProvider<?, O> provider) {
    return JsonValues.fromTree(keyring.unseal(record.output(), record.fqn()),
        provider.outputType(), "output of " + record.fqn());
  }

  private JsonNode sealOutput(ScopeNode scope, String fqn, Object output) {
    return keyring.seal(JsonValues.toTree(output), scope.passwordOwner(),
        "The output of resource " + fqn);
  }

  ResourceFailedException failed(
      String fqn, String type, ResourceAction action, long start, Throwable error) {
    listener.resourceFailed(fqn, type, action, Duration.ofNanos(System.nanoTime() - start), error);
    return new ResourceFailedException(fqn, type, action, error);
  }

  /**
   * Reports a finished action.
   *
   * @param predecessors addresses of what the resource came after; {@code null}: not recorded
   */
  void report(String fqn, String type, ResourceAction action, long nanos, boolean quiet,
      String detail, List<String> predecessors) {
    List<String> before = new ArrayList<>();
    if (predecessors != null) {
      for (String address : predecessors) {
        before.add(settings.app() + "/" + settings.stage() + "/" + address);
      }
    }
    ResourceReport report = new ResourceReport(fqn, type, action, Duration.ofNanos(nanos), quiet,
        detail, before);
    reports.add(report);
    listener.resourceFinished(report);
  }

  void write(ResourceRecord record) {
    state.put(record);
    records.put(record.address(), record);
  }

  void forget(String address) {
    state.remove(address);
    records.remove(address);
  }

  /**
   * Hands this run's cleanup handlers, in registration order, to {@code owner} instead of running
   * them at the end of the run: a session runs them once, when it ends.
   */
  public Deployment handCleanupsTo(Consumer<List<Scope.Cleanup>> owner) {
    this.cleanupOwner = owner;
    return this;
  }

  /** Uses the keys of a session, derived once for all its runs, instead of this run's own. */
  public Deployment useKeyring(Keyring sessionKeyring) {
    this.keyring = sessionKeyring;
    return this;
  }

  /**
   * Uses the local servers of a session, which outlive this run, instead of starting (and at the
   * end stopping) its own.
   */
  public Deployment useLocalServers(LocalServers servers) {
    this.localServers = servers;
    this.ownsLocalServers = false;
    return this;
  }

  /** The session's local servers, or this run's own, created on first use. */
  synchronized LocalServers localServers() {
    if (localServers == null) {
      localServers = new LocalServers(settings.app(), settings.stage(), settings.baseDir(),
          listener);
      ownsLocalServers = true;
    }
    return localServers;
  }

  private void closeOwnLocalServers() {
    LocalServers own;
    synchronized (this) {
      own = ownsLocalServers ? localServers : null;
    }
    if (own != null) {
      own.close();
    }
  }

  private void runCleanups() {
    if (!cleanupsStarted.compareAndSet(false, true)) {
      return;
    }
    List<Scope.Cleanup> handlers;
    synchronized (cleanups) {
      handlers = new ArrayList<>(cleanups);
    }
    if (cleanupOwner != null) {
      cleanupOwner.accept(handlers);
      return;
    }
    runCleanups(handlers, listener);
  }

  /**
   * Runs {@code handlers} once each, in reverse order; a handler's failure is reported to {@code
   * listener} and does not stop the others.
   */
  public static void runCleanups(List<Scope.Cleanup> handlers, RunListener listener) {
    List<Scope.Cleanup> reversed = new ArrayList<>(handlers);
    Collections.reverse(reversed);
    for (Scope.Cleanup handler : reversed) {
      try {
        handler.run();
      } catch (Exception | Error e) {
        listener.warning("A cleanup handler failed: " + AlchemyException.describe(e)
            + "; the other handlers still ran.");
      }
    }
  }

  /** Remembers that a scope answers for {@code error}, so its parent does not at once. */
  void charge(Throwable error) {
    charged.add(error);
  }

  boolean charged(Throwable error) {
    return charged.contains(error);
  }

  Scheduler scheduler() {
    return scheduler;
  }

  Keyring keyring() {
    return keyring;
  }

  RunSettings settings() {
    return settings;
  }

  StageState state() {
    return state;
  }

  ProviderRegistry providers() {
    return providers;
  }

  RunListener listener() {
    return listener;
  }

  Map<String, ResourceRecord> records() {
    return records;
  }

  Set<String> declared() {
    return declared;
  }

  List<ScopeNode> scopes() {
    return scopes;
  }

  List<Scope.Deferred> deferred() {
    return deferred;
  }

  List<Scope.Cleanup> cleanups() {
    return cleanups;
  }

  boolean definitionFailed() {
    return definitionFailed;
  }
}
