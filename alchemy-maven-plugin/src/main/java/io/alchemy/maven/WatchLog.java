package io.alchemy.maven;

import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.RunResult;
import io.alchemy.core.watch.Redeployment;
import io.alchemy.core.watch.WatchListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Routes what a watch loop does to the goal's log, each line starting with the goal ({@code
 * alchemy:dev}, {@code alchemy:up}); a failing run is worded as the goal would word it when run
 * once. Remembers the last successful deployment for the events file's summary.
 */
final class WatchLog implements WatchListener {

  private final GoalLog log;
  private final String prefix;
  private final GoalSettings settings;
  private final Function<RuntimeException, String> failures;
  private final Path baseDir;
  private RunResult lastResult;

  /**
   * @param log the goal's log
   * @param settings the goal's settings: goal, stage and where values came from
   * @param failures words a failing run, as the goal run once would word its failure
   */
  WatchLog(GoalLog log, GoalSettings settings, Function<RuntimeException, String> failures) {
    this.log = log;
    this.prefix = "alchemy:" + settings.goal();
    this.settings = settings;
    this.failures = failures;
    this.baseDir = settings.baseDir();
  }

  /** The result of the last successful deployment, or {@code null} when none succeeded. */
  RunResult lastResult() {
    return lastResult;
  }

  @Override
  public void watching(List<Path> roots) {
    log.info(prefix + " watching " + String.join(", ", roots.stream().map(this::shown).toList())
        + " (Ctrl-C to stop)");
  }

  @Override
  public void compiled(List<Path> sources, Duration took) {
    log.info(prefix + " compiled " + plural(sources.size(), "changed source file") + " in "
        + took.toMillis() + " ms");
  }

  @Override
  public void compilerWarning(String warning) {
    log.warn(warning);
  }

  @Override
  public void compileFailed(List<String> errors) {
    log.error(prefix + ": compilation failed, " + plural(errors.size(), "error")
        + "; the previous deployment stays as it is. Fix it and save again.");
    errors.forEach(log::error);
  }

  @Override
  public void classesRemoved(List<Path> sources, List<Path> classFiles) {
    log.info(prefix + " removed " + plural(classFiles.size(), "class file") + " of deleted "
        + String.join(", ", sources.stream().map(this::shown).toList()));
  }

  @Override
  public void redeployed(Redeployment r) {
    lastResult = r.result();
    log.info(prefix + " " + settings.stageFqn() + " redeployed ("
        + (r.first() ? "first deploy" : plural(r.changedFiles(), "changed file")) + ") with "
        + r.className() + ": " + r.result().summary() + "; " + (r.first()
        ? "in " + r.loadAndRun().toMillis() + " ms"
        : r.editToRedeployed().toMillis() + " ms from the edit to redeployed (compile "
            + r.compile().toMillis() + " ms, load and run " + r.loadAndRun().toMillis() + " ms)"));
  }

  @Override
  public void runFailed(RuntimeException error, String hint) {
    if (error instanceof DeploymentFailedException failed && failed.result() != null) {
      log.info(prefix + " " + settings.stageFqn() + " before it failed: "
          + failed.result().summary());
    }
    log.error(prefix + ": " + failures.apply(error));
    if (hint != null) {
      log.error(prefix + ": " + hint);
    }
    log.error(prefix + " keeps watching; the previous deployment stays as it is.");
    if (log.debugEnabled()) {
      log.debug(error);
    }
  }

  @Override
  public void warning(String message) {
    log.warn(prefix + ": " + message);
  }

  @Override
  public void ended(int runs, boolean stopRequested) {
    log.info(stopRequested ? prefix + " stopped; closing the session"
        : prefix + " ends after " + plural(runs, "run") + " (" + PropertyNames.WATCH_MAX_RUNS
            + ")");
  }

  /** {@code path} relative to the project folder when it lies below it. */
  private String shown(Path path) {
    return path.startsWith(baseDir) ? baseDir.relativize(path).toString() : path.toString();
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
