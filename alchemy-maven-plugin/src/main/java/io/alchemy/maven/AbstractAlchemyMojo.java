package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.state.StateStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What the goals that run a definition ({@code up}, {@code plan}, {@code destroy}, {@code read})
 * share: their parameters, and one {@link #executeGoal()} that reads them, opens the state
 * backend, loads the project's {@code InfrastructureDefinition} from its runtime classpath and
 * hands everything to {@link Alchemy}. A goal only says which {@link Phase} it runs, what its own
 * parameters ask for ({@link #prepare}), what it does with the loaded definition when that is
 * more than a run ({@link #runOnce}), what it prints afterwards and whether it can watch ({@link
 * #watchSettings()}: then {@code -Dalchemy.watch} has the {@link GoalRunner} watch instead of
 * running once). The parameters every goal shares (app, stage,
 * backend, ...) are in {@link AbstractStateMojo}, those of every goal that runs a definition
 * (definition, parallelism, password, credentials) in {@link AbstractDefinitionMojo}.
 */
public abstract class AbstractAlchemyMojo extends AbstractDefinitionMojo {

  /** Local mode, seen by the definition as {@code scope.local()}: use local alternatives. */
  @Parameter(property = PropertyNames.LOCAL, defaultValue = "false")
  private boolean local;

  /**
   * Watch mode, seen by the definition as {@code scope.watch()}: {@code up} deploys, then keeps
   * watching the project's sources, resources and classes and redeploys after every change until
   * Ctrl-C, as {@code alchemy:dev} does locally. {@code destroy} and {@code read} refuse it.
   */
  @Parameter(property = PropertyNames.WATCH, defaultValue = "false")
  private boolean watch;

  /** Adopt resources that already exist but are not in state, instead of failing on them. */
  @Parameter(property = PropertyNames.ADOPT, defaultValue = "false")
  private boolean adopt;

  /** Update every resource even when its props did not change. */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  private boolean force;

  /**
   * A file that receives every event of the run as one JSON object per line, then a {@code
   * summary} line (also when the goal fails), for CI. Written anew by each goal; parent folders
   * are created. Default: none.
   */
  @Parameter(property = PropertyNames.EVENTS_FILE)
  private File eventsFile;

  /**
   * A goal.
   *
   * @param decrypter Maven's decrypter of settings.xml passwords, injected by the goal's
   *     constructor
   * @param classes the project's classes, brought up to date before the definition is loaded
   */
  protected AbstractAlchemyMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter, classes);
  }

  /** The phase the goal runs the definition in. */
  protected abstract Phase phase();

  @Override
  protected boolean runsLocally() {
    return local;
  }

  /** Whether the goal watches ({@code -Dalchemy.watch}). */
  protected boolean watching() {
    return watch;
  }

  /**
   * How the goal paces watch mode, or {@code null}, the default, when it cannot watch: watching
   * makes sense for a goal that deploys ({@code up}), not for one that deletes everything or
   * only reads.
   */
  protected WatchSettings watchSettings() throws MojoFailureException {
    return null;
  }

  /**
   * Called after a run that succeeded, e.g. to print more than the summary.
   *
   * @param result what the run did
   * @param store the state it ran against, to read from (never to write)
   * @param stateKey the name the run's state is kept under in {@code store}: the stage, or
   *     {@code <stage>@local} in local mode
   */
  protected void afterRun(RunResult result, StateStore store, String stateKey) {}

  /**
   * The FQNs a goal's {@code replace} parameter names, checked against the run's stage (see
   * {@link Replacements#of}), with where they came from for messages.
   *
   * @param replace the parameter as Maven set it, or {@code null}
   */
  Set<String> replacements(List<String> replace, GoalSettings settings)
      throws MojoFailureException {
    return Replacements.of(replace, property(PropertyNames.REPLACE),
        origin(PropertyNames.REPLACE, "replace", replace == null ? null
            : String.join(",", replace.stream().map(e -> e == null ? "" : e).toList())),
        settings);
  }

  /**
   * Reads and checks the goal's own parameters before anything is opened or run, so that a bad
   * one changes nothing, and sets what they ask for on {@code builder}. By default there are none.
   *
   * @param builder the run's builder, app and stage already valid
   * @param settings the run's settings
   * @return {@code settings}, with what failure messages must know of the goal's parameters
   * @throws MojoFailureException or {@link ConfigurationProblem} for a value that cannot be used
   */
  protected GoalSettings prepare(Alchemy.Builder builder, GoalSettings settings)
      throws MojoFailureException, ConfigurationProblem {
    return settings;
  }

  /**
   * Does the goal's work with the loaded definition when it does not watch: by default runs it
   * once in {@link #phase()}. Called with the definition's class loader as the thread's context
   * class loader; the summary line follows.
   *
   * @param alchemy the configured run
   * @param definition the project's definition
   * @param settings the run's settings, for messages
   * @return what the run did, for the summary line, {@link #afterRun} and the events file's
   *     summary; {@code null} when the goal deployed nothing to report (a plan)
   * @throws MojoFailureException when the goal fails after its run, for a reason of its own
   */
  protected RunResult runOnce(Alchemy alchemy, InfrastructureDefinition definition,
      GoalSettings settings) throws MojoFailureException {
    return alchemy.run(definition);
  }

  /** Runs the definition in {@link #phase()}; see the class comment. */
  @Override
  protected final void executeGoal() throws MojoExecutionException, MojoFailureException {
    // Checked before anything is opened, so a bad pace (a negative maxRuns) changes nothing.
    WatchSettings pace = watch ? watchSettings() : null;
    if (watch && pace == null) {
      throw new MojoFailureException("alchemy:" + goal() + " does not watch: watch mode"
          + " redeploys after every change, which only alchemy:up (and alchemy:dev, locally) do."
          + " Remove " + PropertyNames.WATCH + " (set by " + origin(PropertyNames.WATCH, "watch",
          "true") + ") for alchemy:" + goal() + ". Nothing was run or written.");
    }
    if ("pom".equals(project().getPackaging()) && definitionName() == null) {
      // An aggregator or parent has no classes: running the goal from the root of a
      // multi-module build must reach the module that holds the definition, not fail here.
      getLog().info("Skipping alchemy:" + goal() + " in " + project().getArtifactId()
          + ": a pom-packaged project has no classes to hold a definition (set "
          + PropertyNames.DEFINITION + " to run one from its dependencies).");
      return;
    }
    GoalSettings settings = settings(definitionName(), definitionOrigin(),
        passwordSource().describe(),
        eventsFile == null ? null : resolve(eventsFile));
    FailureTranslator failures = new FailureTranslator(settings);
    EventsFile events = openEvents(settings, failures);
    RunResult result = null;
    boolean succeeded = false;
    StateBackend backend = null;
    try {
      Duration timeout = lockTimeout();
      int parallelism = parallelism();
      Alchemy.Builder builder = builder(settings, events).lockTimeout(timeout)
          .parallelism(parallelism);
      // Validates the app and stage names before any user code is loaded or run.
      String stateKey = builder.build().stateKey();
      settings = prepare(builder, settings);
      failures = new FailureTranslator(settings);
      // Before the state is opened and locked: a build may take a while.
      updateClasses();
      backend = connect(builder, settings);
      settings = settings.withStateNote(backend.note());
      failures = new FailureTranslator(settings);
      warnOnCoreVersionMismatch();
      GoalRunner runner = new GoalRunner(settings, new MavenGoalLog(getLog()));
      String note = stateDirNote(settings, backend);
      if (watch) {
        // Every run's events go to the events file; its summary is the last good deployment's.
        result = runner.watch(builder, watchLoop(settings, pace), local, note,
            failures::message);
      } else {
        GoalSettings run = settings;
        result = runner.once(builder, DefinitionLoader.forClasspath(runtimeClasspath())
                .namingHint(AbstractDefinitionMojo::howToNameDefinition), backend, note,
            (alchemy, definition) -> runOnce(alchemy, definition, run));
        if (result != null) {
          afterRun(result, backend.store(), stateKey);
        }
      }
      succeeded = true;
    } catch (DeploymentFailedException e) {
      result = e.result();
      // A plan changed nothing, so there is nothing done before the failure to tell.
      if (result != null && phase() != Phase.PLAN) {
        // What was done before the failure is in state; saying it helps judge the next run.
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + " before it failed: "
            + result.summary());
      }
      throw failures.translate(e);
    } catch (IOException e) {
      throw failures.unwatchable(e);
    } catch (RuntimeException | DependencyResolutionRequiredException | ConfigurationProblem e) {
      throw failures.translate(e);
    } finally {
      events.summary(result, !succeeded);
      events.close();
      closeQuietly(backend);
    }
  }

  private EventsFile openEvents(GoalSettings settings, FailureTranslator failures)
      throws MojoExecutionException, MojoFailureException {
    try {
      return EventsFile.open(settings.eventsFile(), settings.app(), settings.stage(), phase());
    } catch (IOException e) {
      throw failures.translate(e);
    }
  }

  private Alchemy.Builder builder(GoalSettings settings, EventsFile events) {
    return Alchemy.builder()
        .hints(MavenHints.INSTANCE)
        .app(settings.app())
        .stage(settings.stage())
        .phase(phase())
        .baseDir(settings.baseDir())
        .local(local)
        .watch(watch)
        .quiet(quiet())
        .adopt(adopt)
        .force(force)
        .listener(events.around(new MavenLogListener(getLog())));
  }

  private String stateDirNote(GoalSettings settings, StateBackend backend) {
    Path buildDir = Path.of(project().getBuild().getDirectory()).toAbsolutePath().normalize();
    return StateBackends.FILESYSTEM.equals(backend.name())
        && settings.stateDir().startsWith(buildDir) && phase() == Phase.UP
        ? " (under " + buildDir.getFileName() + "/: mvn clean deletes it; set "
            + PropertyNames.STATE_DIR + " elsewhere to keep it)"
        : "";
  }

  /** The plugin runs its own alchemy-core; a different one in the project may not link. */
  private void warnOnCoreVersionMismatch() {
    for (Artifact artifact : project().getArtifacts()) {
      if ("io.alchemy".equals(artifact.getGroupId())
          && "alchemy-core".equals(artifact.getArtifactId())
          && !artifact.getBaseVersion().equals(plugin().getVersion())) {
        getLog().warn("The project depends on alchemy-core " + artifact.getBaseVersion()
            + " but alchemy-maven-plugin " + plugin().getVersion() + " runs its own alchemy-core "
            + plugin().getVersion() + ". Use the same version for both to avoid linkage errors.");
      }
    }
  }
}
