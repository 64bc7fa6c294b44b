package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import java.io.IOException;
import java.time.Duration;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * One execution of a goal that runs the project's definition in its phase ({@link PhaseMojo}):
 * reads its parameters through {@link GoalParameters} and refuses bad ones before anything is
 * opened, opens the events file, builds the run, brings the project's classes up to date, opens
 * the state backend, and hands the run to a {@link GoalRunner}, once or watching ({@code
 * -Dalchemy.watch}); then words any failure with {@link FailureTranslator}. The events file gets
 * its summary line whatever happens.
 */
final class PhaseExecution {

  private final PhaseMojo goal;
  private final GoalParameters parameters;
  private final ProjectClasses classes;
  private final Log log;

  /**
   * @param goal the goal, with its parameters as Maven set them
   * @param parameters the reader of its parameters
   * @param classes the project's classes, brought up to date before the state is opened
   */
  PhaseExecution(PhaseMojo goal, GoalParameters parameters, ProjectClasses classes) {
    this.goal = goal;
    this.parameters = parameters;
    this.classes = classes;
    this.log = goal.getLog();
  }

  /** Runs the goal; see the class comment. */
  void execute() throws MojoExecutionException, MojoFailureException {
    String name = goal.goal();
    Phase phase = goal.phase();
    boolean watch = goal.watch();
    // Checked before anything is opened, so a bad pace (a negative maxRuns) changes nothing.
    WatchSettings pace = watch ? goal.watchSettings(parameters) : null;
    if (watch && pace == null) {
      throw new MojoFailureException("alchemy:" + name + " does not watch: watch mode"
          + " redeploys after every change, which only alchemy:up (and alchemy:dev, locally) do."
          + " Remove " + PropertyNames.WATCH + " (set by " + parameters.origin(PropertyNames.WATCH,
          "watch", "true") + ") for alchemy:" + name + ". Nothing was run or written.");
    }
    if (parameters.skipsPomProject(goal.definition())) {
      return;
    }
    PasswordSource password = parameters.passwordSource(goal.password(),
        goal.passwordServerId());
    GoalSettings settings = parameters.settings(goal.definition(), password, goal.eventsFile());
    FailureTranslator failures = new FailureTranslator(settings);
    EventsFile events = openEvents(settings, failures, phase);
    RunResult result = null;
    boolean succeeded = false;
    StateBackend backend = null;
    try {
      Duration timeout = parameters.lockTimeout();
      int parallelism = parameters.parallelism(goal.parallelism());
      Alchemy.Builder builder = settings.builder()
          .phase(phase)
          .local(goal.local())
          .watch(watch)
          .quiet(goal.quiet())
          .adopt(goal.adopt())
          .force(goal.force())
          .listener(events.around(new MavenLogListener(log)))
          .lockTimeout(timeout)
          .parallelism(parallelism);
      // Validates the app and stage names before any user code is loaded or run.
      String stateKey = builder.build().stateKey();
      settings = goal.prepare(builder, settings, parameters);
      failures = new FailureTranslator(settings);
      // Before the state is opened and locked: a build may take a while.
      classes.update(goal.session(), log, name);
      backend = parameters.connect(builder, settings, goal.local(), password,
          goal.credentials());
      settings = settings.withStateNote(backend.note());
      failures = new FailureTranslator(settings);
      parameters.warnOnCoreVersionMismatch();
      GoalRunner runner = new GoalRunner(settings, new MavenGoalLog(log));
      String note = parameters.stateDirNote(settings, backend, phase);
      if (watch) {
        // Every run's events go to the events file; its summary is the last good deployment's.
        result = runner.watch(builder, parameters.watchLoop(settings, pace), goal.local(), note,
            failures::message);
      } else {
        GoalSettings run = settings;
        result = runner.once(builder, parameters.definitions(), backend, note,
            (alchemy, definition) -> goal.runOnce(alchemy, definition, run, parameters));
        if (result != null) {
          goal.afterRun(result, backend.store(), stateKey);
        }
      }
      succeeded = true;
    } catch (DeploymentFailedException e) {
      result = e.result();
      // A plan changed nothing, so there is nothing done before the failure to tell.
      if (result != null && phase != Phase.PLAN) {
        // What was done before the failure is in state; saying it helps judge the next run.
        log.info("alchemy:" + name + " " + settings.stageFqn() + " before it failed: "
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
      StateBackend.closeQuietly(backend);
    }
  }

  private static EventsFile openEvents(GoalSettings settings, FailureTranslator failures,
      Phase phase) throws MojoExecutionException, MojoFailureException {
    try {
      return EventsFile.open(settings.eventsFile(), settings.app(), settings.stage(), phase);
    } catch (IOException e) {
      throw failures.translate(e);
    }
  }
}
