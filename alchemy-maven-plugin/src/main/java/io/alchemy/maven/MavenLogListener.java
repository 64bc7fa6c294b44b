package io.alchemy.maven;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.PrintStreamListener;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.PropChange;
import java.time.Duration;
import org.apache.maven.plugin.logging.Log;

/**
 * Routes a run's progress to Maven's log: one INFO line per resource action (unless its scope is
 * quiet; an unchanged resource only with {@code -X}, as the summary counts it), warnings as WARN,
 * failures as ERROR. Progress is never hidden for failures, because a
 * quiet run that fails must still say where.
 */
public final class MavenLogListener implements RunListener {

  private final Log log;

  /** Logs to {@code log}. */
  public MavenLogListener(Log log) {
    this.log = log;
  }

  @Override
  public void resourceStarting(String fqn, String type, ResourceAction action, boolean quiet) {
    // Only with -X: handy to see which provider call hangs, too noisy for every run.
    if (log.isDebugEnabled()) {
      log.debug(action.progressive() + " " + fqn + " (" + type + ")");
    }
  }

  @Override
  public void resourceFinished(ResourceReport report) {
    if (report.action() == ResourceAction.UNCHANGED) {
      // Nothing happened to it: the summary counts it, -X lists it. A line per unchanged
      // resource was a third of a no-op run's time and buried what did change.
      if (log.isDebugEnabled() && !report.quiet()) {
        log.debug(PrintStreamListener.line(report));
      }
      return;
    }
    if (!report.quiet()) {
      // A resource's lines stay together when resources finish at once.
      synchronized (this) {
        log.info(PrintStreamListener.line(report));
        for (PropChange change : report.changes()) {
          log.info("      " + change.describe());
        }
      }
    }
  }

  @Override
  public void drifted(Drift drift, boolean quiet) {
    if (!quiet) {
      synchronized (this) {
        drift.lines().forEach(log::info);
      }
    }
  }

  @Override
  public void resourceFailed(
      String fqn, String type, ResourceAction action, Duration duration, Throwable error) {
    log.error("failed    " + fqn + " (" + type + ") while " + action.progressive() + " after "
        + duration.toMillis() + " ms: " + AlchemyException.describe(error));
  }

  @Override
  public void warning(String message) {
    log.warn(message);
  }

  @Override
  public void info(String message) {
    log.info(message);
  }
}
