package io.alchemy.core.engine;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceFailedException;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.MissingCredentialsException;
import io.alchemy.core.local.LocalServers;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.provider.ProviderRegistry;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.StageRecords;
import io.alchemy.core.state.StageState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a definition against one stage: its lifecycle (define, wait for all work started,
 * finalize, clean up, close the state), the in-memory view of the stage's records, and the run's
 * failures and reports. What each resource call does is the {@link Reconciler}'s; where work runs
 * and in what order is the {@link Scheduler}'s; deletions are the {@link Finalizer}'s. Safe to
 * call from several threads.
 */
public final class Deployment {

  private final RunSettings settings;
  private final StageState state;
  private final ProviderRegistry providers;
  private final RunListener listener;
  private final Map<String, ResourceRecord> records;
  private final StageRecords stateRead;
  private final String fqnPrefix;
  private final Set<String> declared;
  private final AtomicLong nextSeq;
  private final List<ResourceReport> reports = Collections.synchronizedList(new ArrayList<>());
  private final List<ScopeNode> scopes = Collections.synchronizedList(new ArrayList<>());
  private final List<Scope.Deferred> deferred = Collections.synchronizedList(new ArrayList<>());
  private final List<Scope.Cleanup> cleanups = Collections.synchronizedList(new ArrayList<>());
  private long started = System.nanoTime();
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
  private final RunPlan plan;
  private volatile boolean tellsDrift = true;
  private final Map<String, Integer> unread = new ConcurrentSkipListMap<>();
  private UnsettledRecords unsettled;
  private final Reconciler reconciler = new Reconciler(this);

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
    // Sized for the stage up front, so that neither copying its records nor declaring them
    // again resizes the maps over and over.
    this.records = new ConcurrentHashMap<>(state.resources().size());
    records.putAll(state.resources());
    this.declared = ConcurrentHashMap.newKeySet(state.resources().size());
    this.fqnPrefix = settings.app() + "/" + settings.stage() + "/";
    this.stateRead = StageRecords.of(state);
    this.keyring = new Keyring(settings.app(), settings.stage(), settings.password(),
        settings.hints());
    this.plan = new RunPlan(settings);
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
      requireReplacementsDeclared(stage);
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
    if (tellsDrift) {
      unread.forEach((why, count) -> listener.info("refresh did not read " + count
          + " resource(s) " + why));
    }
    RunResult result = result();
    synchronized (this) {
      if (failure != null || failedFqn != null) {
        String cause = failure == null ? "the scope called fail()"
            : AlchemyException.describe(failure);
        String advice = settings.phase() == Phase.DESTROY ? " What was not deleted stays in"
                + " state; fix the cause and run destroy again."
            : settings.phase() == Phase.READ || settings.phase() == Phase.PLAN
                || failedInFinalization ? ""
            : " No orphans were deleted in the failed scope or its parents; fix the cause and run"
                + " again, unfinished work is picked up from state.";
        throw new DeploymentFailedException(failedFqn, "Scope " + failedFqn + " failed: "
            + sentence(cause) + localServerHint(failure) + advice, failure, result);
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

  /** A replacement asked for a resource the definition does not declare is a typo: say so. */
  private void requireReplacementsDeclared(ScopeNode stage) {
    if (settings.replace().isEmpty()) {
      return;
    }
    String prefix = settings.app() + "/" + settings.stage() + "/";
    List<String> declaredFqns = declared.stream().map(address -> prefix + address).toList();
    for (String fqn : new java.util.TreeSet<>(settings.replace())) {
      if (!declaredFqns.contains(fqn)) {
        List<String> known = new ArrayList<>(declaredFqns);
        records.values().forEach(record -> known.add(record.fqn()));
        String hint = NearestName.among(fqn, known, 3)
            .map(nearest -> " (did you mean " + nearest + "?)").orElse("");
        stage.markFailed(new AlchemyException("A replacement was asked for " + fqn + ", which"
            + " the definition does not declare" + hint + ". Name a resource by its FQN,"
            + " app/stage/scopes/id."));
      }
    }
  }

  /**
   * Counts this run's {@link RunResult#duration()} from {@code startNanos}, a {@link
   * System#nanoTime()} taken before the state was opened, so that the time reported is the
   * whole run's and not only what follows the opening.
   */
  public Deployment timedFrom(long startNanos) {
    this.started = startNanos;
    return this;
  }

  /**
   * Holds this run to {@code approved}: every provider call is checked against its changes
   * before it is made (an approved apply).
   */
  public Deployment holdTo(Plan approved) {
    plan.holdTo(approved);
    return this;
  }

  /** What a plan-phase run decided, on state with {@code fingerprint}. */
  public Plan plan(String fingerprint) {
    return plan.result(fingerprint);
  }

  /** The plan side of this run: what a plan decides, what an apply is held to. */
  RunPlan runPlan() {
    return plan;
  }

  /** The records a stopped run left unsettled, read once from the state as opened. */
  synchronized UnsettledRecords unsettled() {
    if (unsettled == null) {
      unsettled = new UnsettledRecords(state.resources().values(), keyring);
    }
    return unsettled;
  }

  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }

  RunResult result() {
    return new RunResult(settings.app(), settings.stage(), settings.phase(), List.copyOf(reports),
        Duration.ofNanos(System.nanoTime() - started), stateRead, plan.drift());
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

  <P, O> O apply(ScopeNode scope, String id, ResourceProvider<P, O> provider, P props,
      ResourceOptions options) throws Exception {
    return reconciler.apply(scope, id, provider, props, options);
  }

  /** The seq of a resource this stage has never had. */
  long nextSeq() {
    return nextSeq.getAndIncrement();
  }

  ResourceFailedException failed(
      String fqn, String type, ResourceAction action, long start, Throwable error) {
    if (error instanceof MissingCredentialsException missing) {
      error = missing.withHints(settings.hints());
    }
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
    report(new ResourceReport(fqn, type, action, Duration.ofNanos(nanos), quiet, detail,
        fqns(predecessors)));
  }

  /**
   * Notes what a live read found changed or deleted outside Alchemy, for the plan or the result,
   * and tells the listener, unless this is the plan an approved apply makes first (the apply
   * tells it). A plan's lines are what it is for: quiet scopes do not hide its drift.
   */
  void drifted(Drift drift, boolean quiet) {
    plan.drifted(drift);
    if (tellsDrift) {
      listener.drifted(drift, quiet && settings.phase() != Phase.PLAN);
    }
  }

  /**
   * Notes a resource a refresh did not read, and why, e.g. {@code "of type command::Command: a
   * command has nothing to read"}; the run says so once per reason when it ends, so that "no
   * drift" is never taken for "all read".
   */
  void unread(String why) {
    unread.merge(why, 1, Integer::sum);
  }

  /**
   * Keeps what live reads find from the listener: for the plan an approved apply makes before
   * it deploys, which reads the same resources again.
   */
  public Deployment keepingDriftToItself() {
    tellsDrift = false;
    return this;
  }

  void report(ResourceReport report) {
    reports.add(report);
    listener.resourceFinished(report);
  }

  /** The FQNs of addresses of this stage; none for {@code null}. */
  List<String> fqns(List<String> addresses) {
    List<String> fqns = new ArrayList<>();
    if (addresses != null) {
      for (String address : addresses) {
        fqns.add(fqnPrefix + address);
      }
    }
    return fqns;
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
      localServers = LocalServers.forRun(settings.app(), settings.stage(), settings.baseDir(),
          listener, settings.hints());
      ownsLocalServers = true;
    }
    return localServers;
  }

  /**
   * For a refused connection in a run that left a local server unstarted (its resources were
   * unchanged): how the definition gets it running. Empty otherwise.
   */
  private String localServerHint(Throwable failure) {
    LocalServers servers;
    synchronized (this) {
      servers = localServers;
    }
    boolean refused = false;
    for (Throwable t = failure; t != null && !refused; t = t.getCause()) {
      refused = t instanceof java.net.ConnectException;
    }
    List<Class<?>> unstarted = servers == null || !refused ? List.of() : servers.leftUnstarted();
    if (unstarted.isEmpty()) {
      return "";
    }
    String kind = unstarted.get(0).getSimpleName();
    return " This local run started no local server for " + kind + ": every resource on it was"
        + " unchanged. Code of the definition that connects to it (with an output's URL, or"
        + " through a command or a spawned process) asks for it first: scope.localServer("
        + kind + ".class).";
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
