package io.alchemy.core;

import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.PropChange;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Writes progress as plain lines, e.g. {@code created  my-app/dev/api (fs::TextFile) 3 ms}: for a
 * {@code main()} or a test. Honours quiet scopes for progress, never for failures.
 */
public final class PrintStreamListener implements RunListener {

  private final PrintStream out;

  /** Writes to {@code out}. */
  public PrintStreamListener(PrintStream out) {
    this.out = out;
  }

  @Override
  public void resourceFinished(ResourceReport report) {
    if (!report.quiet()) {
      StringBuilder lines = new StringBuilder(line(report));
      for (PropChange change : report.changes()) {
        lines.append(System.lineSeparator()).append("      ").append(change.describe());
      }
      // One call: lines of concurrent resources never mix.
      out.println(lines);
    }
  }

  @Override
  public void drifted(Drift drift, boolean quiet) {
    if (!quiet) {
      out.println(String.join(System.lineSeparator(), drift.lines()));
    }
  }

  @Override
  public void resourceFailed(
      String fqn, String type, ResourceAction action, Duration duration, Throwable error) {
    out.println("FAILED " + action.progressive() + " " + fqn + " (" + type + ") after "
        + millis(duration) + ": " + AlchemyException.describe(error));
  }

  @Override
  public void warning(String message) {
    out.println("WARNING " + message);
  }

  @Override
  public void info(String message) {
    out.println(message);
  }

  /** One progress line: action, FQN, type, detail if any, duration. */
  public static String line(ResourceReport report) {
    return String.format("%-9s %s (%s)%s %s", report.action().past(), report.fqn(),
        report.type(), report.detail() == null ? "" : " " + report.detail(),
        millis(report.duration()));
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }
}
