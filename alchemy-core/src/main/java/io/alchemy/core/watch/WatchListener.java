package io.alchemy.core.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Hears what a {@link WatchLoop} does, to tell the user; the Maven plugin turns each call into
 * a log line. Every method does nothing by default. Calls come from the thread that runs the
 * loop. The engine's per-resource progress goes to the session's {@code RunListener}, not here.
 */
public interface WatchListener {

  /** A listener that ignores everything. */
  WatchListener NONE = new WatchListener() {};

  /**
   * The first deployment is over (successful or not) and changes below {@code roots} are now
   * watched.
   */
  default void watching(List<Path> roots) {}

  /** Changed sources compiled without errors. */
  default void compiled(List<Path> sources, Duration took) {}

  /** A compiler warning, as {@code file:line: message}. */
  default void compilerWarning(String warning) {}

  /**
   * Changed sources did not compile; nothing is redeployed and the previous deployment stays.
   *
   * @param errors each error as {@code file:line: message}
   */
  default void compileFailed(List<String> errors) {}

  /**
   * Sources were deleted and the class files they had compiled to removed.
   *
   * @param sources the deleted {@code .java} files
   * @param classFiles the class files removed
   */
  default void classesRemoved(List<Path> sources, List<Path> classFiles) {}

  /** A deployment succeeded. */
  default void redeployed(Redeployment redeployment) {}

  /**
   * Loading or running the definition failed; the session stays open, the previous deployment
   * stays as it is (a failed run deletes no orphans), and the loop keeps watching.
   *
   * @param error a {@code DefinitionException} when the class could not be loaded, a {@code
   *     DeploymentFailedException} (with what was done before it failed) when the run failed, or
   *     another runtime exception
   * @param hint a sentence that links the failure to a source deleted in this session (its class
   *     is still used), or {@code null}
   */
  default void runFailed(RuntimeException error, String hint) {}

  /**
   * Something went wrong that does not stop the loop, e.g. a resource that could not be copied.
   */
  default void warning(String message) {}

  /**
   * The loop ended.
   *
   * @param runs how many deployments were tried, the first included
   * @param stopRequested whether {@link WatchLoop#requestStop()} ended it, rather than {@code
   *     maxRuns} or an interrupt
   */
  default void ended(int runs, boolean stopRequested) {}
}
