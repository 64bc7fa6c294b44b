package io.alchemy.core;

import io.alchemy.core.plan.Drift;
import java.time.Duration;

/**
 * Receives progress as a run happens; the Maven plugin routes it to Maven's log. Calls may come
 * from several threads. Honour {@link ResourceReport#quiet()} for progress lines, never for
 * failures.
 */
public interface RunListener {

  /** A listener that ignores everything. */
  RunListener NONE = new RunListener() {};

  /** A listener that passes every event to {@code first}, then to {@code second}. */
  static RunListener both(RunListener first, RunListener second) {
    return new RunListener() {
      @Override
      public void resourceStarting(String fqn, String type, ResourceAction action, boolean quiet) {
        first.resourceStarting(fqn, type, action, quiet);
        second.resourceStarting(fqn, type, action, quiet);
      }

      @Override
      public void resourceFinished(ResourceReport report) {
        first.resourceFinished(report);
        second.resourceFinished(report);
      }

      @Override
      public void resourceFailed(
          String fqn, String type, ResourceAction action, Duration duration, Throwable error) {
        first.resourceFailed(fqn, type, action, duration, error);
        second.resourceFailed(fqn, type, action, duration, error);
      }

      @Override
      public void drifted(Drift drift, boolean quiet) {
        first.drifted(drift, quiet);
        second.drifted(drift, quiet);
      }

      @Override
      public void warning(String message) {
        first.warning(message);
        second.warning(message);
      }

      @Override
      public void info(String message) {
        first.info(message);
        second.info(message);
      }
    };
  }

  /** A provider call is about to start. */
  default void resourceStarting(String fqn, String type, ResourceAction action, boolean quiet) {}

  /** A resource action finished (also reported for unchanged and read resources). */
  default void resourceFinished(ResourceReport report) {}

  /** A provider call failed; the run will fail. */
  default void resourceFailed(
      String fqn, String type, ResourceAction action, Duration duration, Throwable error) {}

  /**
   * A live read ({@code refresh}) found a resource changed or deleted outside Alchemy; {@code up}
   * repairs it next. {@code quiet}: its scope asked for no progress lines.
   */
  default void drifted(Drift drift, boolean quiet) {}

  /** A note worth showing the user, e.g. a skipped orphan cleanup or a cleanup handler failure. */
  default void warning(String message) {}

  /** Something the user may want to know that is no problem, e.g. a local server started. */
  default void info(String message) {}
}
