package io.alchemy.core;

import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.engine.Deployment;
import io.alchemy.core.engine.NameRules;
import io.alchemy.core.engine.RunSettings;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanComparison;
import io.alchemy.core.plan.PlanMismatchException;
import io.alchemy.core.plan.StateFingerprint;
import io.alchemy.core.provider.ProviderRegistry;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.StageRecords;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs an {@link InfrastructureDefinition} against one stage: the entry point for a plain {@code
 * main()}, a test, or the Maven plugin.
 *
 * <pre>{@code
 * RunResult result = Alchemy.builder()
 *     .app("my-app")
 *     .stage("prod")
 *     .stateDir(Path.of("target/alchemy/state"))
 *     .build()
 *     .run(new Infrastructure());
 * System.out.println(result.summary());
 * }</pre>
 *
 * <p>A run opens the stage's state (taking its lock unless it only reads), runs the definition in
 * the stage scope, finalizes (deferred work, then orphans), runs cleanup handlers, and releases
 * the lock.
 */
public final class Alchemy {

  /** The environment variable that sets the default stage. */
  public static final String STAGE_ENV = "ALCHEMY_STAGE";

  /** The environment variable that sets the app password when none is configured. */
  public static final String PASSWORD_ENV = "ALCHEMY_PASSWORD";

  /** What {@link #stateKey()} appends to the stage in local mode. */
  public static final String LOCAL_SUFFIX = "@local";

  /** The stage used when neither configuration nor {@value #STAGE_ENV} names one. */
  public static final String DEFAULT_STAGE = "dev";

  private final RunSettings settings;
  private final StateStore store;
  private final Duration lockTimeout;
  private final RunListener listener;
  private final ClassLoader classLoader;

  private Alchemy(Builder b) {
    this.settings = new RunSettings(b.app, b.stage, b.phase, b.local, b.watch, b.quiet, b.adopt,
        b.force, b.refresh, b.baseDir.toAbsolutePath().normalize(), b.password, b.credentials, b.parallelism,
        b.replace, b.hints);
    this.store = b.store != null ? b.store : new FileSystemStateStore(b.stateDir);
    this.lockTimeout = b.lockTimeout;
    this.listener = b.listener;
    this.classLoader = b.classLoader;
  }

  /** A builder with the defaults: stage from {@value #STAGE_ENV} or {@code dev}, phase UP. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The stage when none is configured: {@value #STAGE_ENV} if set, else {@value #DEFAULT_STAGE}.
   *
   * @throws InvalidNameException when {@value #STAGE_ENV} is set but blank, as a CI script's
   *     {@code ALCHEMY_STAGE=$UNSET_VARIABLE} leaves it: falling back to {@code dev} then would
   *     deploy, or destroy, a stage nobody asked for
   */
  public static String defaultStage() {
    return defaultStage(System.getenv(STAGE_ENV));
  }

  /** {@link #defaultStage()} with {@code env} as the value of {@value #STAGE_ENV}. */
  static String defaultStage(String env) {
    if (env == null) {
      return DEFAULT_STAGE;
    }
    if (env.isBlank()) {
      throw new InvalidNameException("stage", "The " + STAGE_ENV + " environment variable is set"
          + " but blank ('" + env + "'), so it names no stage. A blank stage is not taken as "
          + DEFAULT_STAGE + ": that could deploy or destroy a stage nobody meant. Set it to a stage"
          + " (" + STAGE_ENV + "=prod), or unset it (unset " + STAGE_ENV + ") to use "
          + DEFAULT_STAGE + ". Nothing was run or written.");
    }
    return env.trim();
  }

  /**
   * Runs {@code definition}.
   *
   * @return what was done
   * @throws DeploymentFailedException when the definition, a provider or finalization failed
   * @throws AlchemyException for bad input found before anything ran (a held lock, corrupt state)
   */
  public RunResult run(InfrastructureDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    AccessMode mode = settings.phase() == Phase.READ ? AccessMode.READ
        : settings.phase() == Phase.PLAN ? AccessMode.LOCKED_READ : AccessMode.WRITE;
    long started = System.nanoTime();
    StageState state = store.open(settings.app(), stateKey(), mode, lockTimeout);
    if (settings.phase() == Phase.DESTROY && state.resources().isEmpty()
        && state.scopes().isEmpty()) {
      // Nothing to delete: the definition, which may not even run on a stage never deployed,
      // is not needed to find that out.
      StageRecords read = StageRecords.of(state);
      state.close();
      listener.info("Stage " + settings.app() + "/" + stateKey() + " has nothing deployed (no"
          + " state in " + read.location() + "), so there is nothing to destroy; the definition"
          + " was not run.");
      return new RunResult(settings.app(), settings.stage(), Phase.DESTROY, List.of(),
          Duration.ofNanos(System.nanoTime() - started), read);
    }
    Deployment deployment = deployment(settings, state, definition).timedFrom(started);
    return inContext(definition, () -> deployment.execute(definition));
  }

  /**
   * Decides what {@link #run} in phase UP would do, and changes nothing: the definition runs in
   * {@link Phase#PLAN}, no provider call that mutates is made, nothing is written to state, and
   * no local server is started for it. The stage lock is held (waiting up to the lock timeout)
   * while the state is read, so the plan sees one consistent state.
   *
   * @return every change {@code up} would make, with the fingerprint of the state it saw
   * @throws DeploymentFailedException when the definition fails in the plan phase
   */
  public Plan plan(InfrastructureDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    StageState state = store.open(settings.app(), stateKey(), AccessMode.LOCKED_READ,
        lockTimeout);
    String fingerprint = StateFingerprint.of(state.resources(), state.scopes());
    Deployment planning =
        deployment(settings.withPhase(Phase.PLAN), state, definition);
    inContext(definition, () -> planning.execute(definition));
    return planning.plan(fingerprint);
  }

  /**
   * Deploys as {@link #run} does, but only if it would do exactly what {@code approved} says, on
   * the very state it was made on. Both are checked under the stage lock before the first
   * change; otherwise nothing is changed.
   *
   * @throws PlanMismatchException when the state changed since the plan, or the definition now
   *     plans something else; its message lists every difference
   */
  public RunResult apply(InfrastructureDefinition definition, Plan approved) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(approved, "approved");
    // What the plan was made with is asked for again; what this run adds shows as a difference.
    RunSettings held =
        settings.withPlanned(approved.replace(), approved.force(), approved.refresh());
    long started = System.nanoTime();
    StageState state = store.open(settings.app(), stateKey(), AccessMode.WRITE, lockTimeout);
    boolean handedOver = false;
    try {
      String fingerprint = StateFingerprint.of(state.resources(), state.scopes());
      Plan now;
      if (!approved.stateFingerprint().equals(fingerprint)) {
        // No need to run the definition: the plan was made on other state.
        now = new Plan(Plan.FORMAT_VERSION, settings.app(), settings.stage(), fingerprint,
            approved.changes(), approved.unchanged(), approved.replace(), approved.force(),
            held.refresh(), approved.drift());
      } else {
        Deployment planning = deployment(held.withPhase(Phase.PLAN),
            new UnwritableState(state), definition);
        inContext(definition, () -> planning.execute(definition));
        now = planning.plan(fingerprint);
      }
      List<String> differences = PlanComparison.differences(approved, now);
      if (!differences.isEmpty()) {
        throw new PlanMismatchException("The approved plan is not what up would do now, so"
            + " nothing was changed:\n  - " + String.join("\n  - ", differences)
            + "\nMake a new plan, review it, and apply that one.", differences);
      }
      // Held to the plan call by call too: a value the plan could not know stops the run
      // before a change nobody reviewed.
      Deployment deploying =
          deployment(held, state, definition).holdTo(approved).timedFrom(started);
      handedOver = true;
      return inContext(definition, () -> deploying.execute(definition));
    } finally {
      if (!handedOver) {
        state.close();
      }
    }
  }

  private Deployment deployment(RunSettings runSettings, StageState state,
      InfrastructureDefinition definition) {
    return new Deployment(runSettings, state, new ProviderRegistry(loader(definition)), listener);
  }

  private ClassLoader loader(InfrastructureDefinition definition) {
    return classLoader != null ? classLoader : definition.getClass().getClassLoader();
  }

  /**
   * Runs {@code work} with the definition's class loader as context class loader: libraries in
   * the definition (JDBC drivers, SDK clients, Jackson modules) look things up through it, and a
   * host such as Maven sets it to its own.
   */
  private <T> T inContext(InfrastructureDefinition definition,
      java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader(definition));
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A stage's open state that a plan reads inside an apply: it refuses writes, and stays open. */
  private static final class UnwritableState implements StageState {

    private final StageState state;

    UnwritableState(StageState state) {
      this.state = state;
    }

    @Override
    public String location() {
      return state.location();
    }

    @Override
    public java.util.Optional<io.alchemy.core.state.LockInfo> lock() {
      return state.lock();
    }

    @Override
    public java.util.Map<String, io.alchemy.core.state.ResourceRecord> resources() {
      return state.resources();
    }

    @Override
    public java.util.Map<String, io.alchemy.core.state.ScopeRecord> scopes() {
      return state.scopes();
    }

    @Override
    public void put(io.alchemy.core.state.ResourceRecord record) {
      throw new IllegalStateException("a plan writes nothing");
    }

    @Override
    public void remove(String address) {
      throw new IllegalStateException("a plan writes nothing");
    }

    @Override
    public void putScope(io.alchemy.core.state.ScopeRecord record) {
      throw new IllegalStateException("a plan writes nothing");
    }

    @Override
    public void removeScope(String scope) {
      throw new IllegalStateException("a plan writes nothing");
    }

    @Override
    public void close() {
      // the apply that follows the plan closes it
    }
  }

  /**
   * Opens the stage's state once, taking its lock (waiting up to the lock timeout), for several
   * runs: watch mode re-runs the definition after each edit without letting another run in
   * between. Close the session to compact the state and release the lock.
   *
   * @return the open session
   * @throws io.alchemy.core.state.StateLockedException when another run holds the lock
   */
  public AlchemySession openSession() {
    AccessMode mode = settings.phase() == Phase.READ ? AccessMode.READ : AccessMode.WRITE;
    StageState state = store.open(settings.app(), stateKey(), mode, lockTimeout);
    return new AlchemySession(settings, state, listener, classLoader);
  }

  /**
   * The name the stage's state is kept under: the stage, or {@code <stage>@local} in local mode,
   * so that local runs and deployed runs of one stage never see each other's resources as
   * orphans (nor block each other's lock). {@code @} is not allowed in stage names.
   */
  public String stateKey() {
    return settings.local() ? settings.stage() + LOCAL_SUFFIX : settings.stage();
  }

  /** The app name this instance runs. */
  public String app() {
    return settings.app();
  }

  /** The stage this instance runs. */
  public String stage() {
    return settings.stage();
  }

  /** The phase this instance runs. */
  public Phase phase() {
    return settings.phase();
  }

  /** Configures a run. Every setter returns this builder. */
  public static final class Builder {

    private String app;
    /** {@code null} until set: only an absent stage takes {@link Alchemy#defaultStage()}. */
    private String stage;
    private Phase phase = Phase.UP;
    private Path stateDir = Path.of("target", "alchemy", "state");
    private StateStore store;
    private Duration lockTimeout = Duration.ZERO;
    private Path baseDir = Path.of("");
    private boolean local;
    private boolean watch;
    private boolean quiet;
    private boolean adopt;
    private boolean force;
    private boolean refresh;
    private int parallelism = RunSettings.DEFAULT_PARALLELISM;
    private Set<String> replace = Set.of();
    private Hints hints = Hints.api();
    private RunListener listener = RunListener.NONE;
    private ClassLoader classLoader;
    private Secret password = defaultPassword();
    private ProviderCredentials credentials = ProviderCredentials.none();

    private Builder() {}

    private static Secret defaultPassword() {
      String env = System.getenv(PASSWORD_ENV);
      return env == null || env.isEmpty() ? null : Secret.of(env);
    }

    /**
     * The app password that encrypts secrets in state; defaults to {@value #PASSWORD_ENV}. Child
     * scopes may set their own with {@link ScopeOptions#password(Secret)}.
     */
    public Builder password(Secret password) {
      this.password = password;
      return this;
    }

    /** The provider credentials of the root scope, inherited by every scope below it. */
    public Builder credentials(ProviderCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** The app name, the root scope. Required. */
    public Builder app(String app) {
      this.app = app;
      return this;
    }

    /**
     * The stage; defaults to {@link Alchemy#defaultStage()}. A blank one is an error, never the
     * default.
     */
    public Builder stage(String stage) {
      this.stage = stage;
      return this;
    }

    /** The phase; defaults to {@link Phase#UP}. */
    public Builder phase(Phase phase) {
      this.phase = Objects.requireNonNull(phase, "phase");
      return this;
    }

    /** The folder of the default filesystem state store; defaults to {@code target/alchemy/state}. */
    public Builder stateDir(Path stateDir) {
      this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
      return this;
    }

    /** Another state store, replacing the filesystem one. */
    public Builder stateStore(StateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * How long a run waits while another run holds the stage's lock; defaults to {@link
     * Duration#ZERO}: fail at once, naming the holder. With a timeout, runs of one stage queue
     * and proceed in turn.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder lockTimeout(Duration lockTimeout) {
      this.lockTimeout = io.alchemy.core.state.LockWait.checkTimeout(lockTimeout);
      return this;
    }

    /** What relative paths in props resolve against; defaults to the working directory. */
    public Builder baseDir(Path baseDir) {
      this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
      return this;
    }

    /** Local mode: resources may use local alternatives. */
    public Builder local(boolean local) {
      this.local = local;
      return this;
    }

    /** Watch mode: the caller keeps re-running on changes. */
    public Builder watch(boolean watch) {
      this.watch = watch;
      return this;
    }

    /** Suppresses per-resource progress lines (not errors, not the summary). */
    public Builder quiet(boolean quiet) {
      this.quiet = quiet;
      return this;
    }

    /**
     * How messages word the fixes they suggest, e.g. the Maven plugin's {@code -Dalchemy.adopt}
     * where the default says {@code Alchemy.builder().adopt(true)}. Set it before {@link
     * #build()}, whose own messages use it.
     */
    public Builder hints(Hints hints) {
      this.hints = java.util.Objects.requireNonNull(hints, "hints");
      return this;
    }

    /** Adopts resources that already exist instead of failing on conflicts. */
    public Builder adopt(boolean adopt) {
      this.adopt = adopt;
      return this;
    }

    /** Calls providers' update even when props did not change. */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * Reads every resource state records as existing from the outside world ({@link
     * io.alchemy.core.provider.ResourceProvider#readLive}), to find drift: what someone changed
     * or deleted outside Alchemy. {@link #plan} lists it ({@link Plan#drift()}) before the
     * changes that repair it; {@link #run} in {@link Phase#UP} repairs it (updates from the live
     * props to the declared ones, creates again what is gone) and records the live outputs.
     * Costs a read per resource, in parallel as provider calls are; off by default, when an
     * unchanged resource is taken to be as recorded.
     */
    public Builder refresh(boolean refresh) {
      this.refresh = refresh;
      return this;
    }

    /**
     * How many provider calls may run at once (default {@value
     * RunSettings#DEFAULT_PARALLELISM}) for work started with {@link Scope#async}, {@link
     * Scope#forEach} and {@link Scope#map}, and for deletions; 1 runs everything one at a time,
     * in the order it is written.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("Parallelism must be 1 or more, was " + parallelism
            + ": it is how many provider calls may run at once.");
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Resources to replace even though their props did not change, by FQN (e.g. {@code
     * my-app/prod/db}), as Terraform's {@code -replace}: a new instance is made and the old one
     * deleted (first, when both would have the same name). An FQN the definition does not declare
     * fails the run before anything is deleted.
     */
    public Builder replace(Set<String> fqns) {
      this.replace = Set.copyOf(fqns);
      return this;
    }

    /** Receives progress as the run happens. */
    public Builder listener(RunListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Where providers of orphans are looked up with {@link java.util.ServiceLoader}; defaults to
     * the definition's class loader.
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = classLoader;
      return this;
    }

    /**
     * Validates the settings.
     *
     * @throws InvalidNameException when the app or stage name is blank, too long or could escape
     *     the state folder, or when no stage is set and {@value #STAGE_ENV} is set but blank
     */
    public Alchemy build() {
      if (stage == null) {
        stage = defaultStage();
      }
      NameRules.checkFolderName("app", app, "Set another app name (" + hints.app() + ")");
      NameRules.checkFolderName("stage", stage, "Set another stage (" + hints.stage() + ")");
      return new Alchemy(this);
    }
  }
}
