package io.alchemy.maven;

/**
 * Where a goal's own lines go, by level: Maven's log when the goal runs in Maven ({@link
 * MavenGoalLog}), a list in a test. Keeps {@link GoalRunner} and {@link WatchLog} free of Maven's
 * types.
 */
interface GoalLog {

  /** Whether {@link #debug} lines are shown ({@code mvn -X}). */
  boolean debugEnabled();

  /** A line only {@code mvn -X} shows. */
  void debug(String line);

  /** {@code error}'s stack trace, shown only with {@code mvn -X}. */
  void debug(Throwable error);

  /** A line of what the goal did. */
  void info(String line);

  /** A line about something the user may want to change. */
  void warn(String line);

  /** A line about something that failed. */
  void error(String line);
}
