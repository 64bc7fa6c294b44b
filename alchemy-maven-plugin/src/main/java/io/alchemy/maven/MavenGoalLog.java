package io.alchemy.maven;

import org.apache.maven.plugin.logging.Log;

/** A goal's lines in Maven's log. */
final class MavenGoalLog implements GoalLog {

  private final Log log;

  /** Writes to {@code log}. */
  MavenGoalLog(Log log) {
    this.log = log;
  }

  @Override
  public boolean debugEnabled() {
    return log.isDebugEnabled();
  }

  @Override
  public void debug(String line) {
    log.debug(line);
  }

  @Override
  public void debug(Throwable error) {
    log.debug(error);
  }

  @Override
  public void info(String line) {
    log.info(line);
  }

  @Override
  public void warn(String line) {
    log.warn(line);
  }

  @Override
  public void error(String line) {
    log.error(line);
  }
}
