package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.RunResult;
import io.alchemy.core.watch.WatchLoop;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a goal in watch mode, for {@code alchemy:dev} (local) and {@code alchemy:up
 * -Dalchemy.watch} (the deployed stage) alike: opens one session of the stage, whose lock is held
 * until the session ends, runs the core's {@link WatchLoop} on it, and logs what the loop does
 * through {@link WatchLog}. Ctrl-C or SIGTERM ({@link StopSignals}) stops the loop, the
 * session is closed (spawned processes stopped, cleanup handlers run, lock released) and the goal
 * returns, so Maven exits with 0; a shutdown hook closes the session if the JVM ends first.
 */
final class WatchSession {

  private final GoalLog log;
  private final GoalSettings settings;
  private final WatchLog watchLog;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param log the goal's log
   * @param settings the goal's settings, with the state backend's note
   * @param failures words a failing run as the goal run once would word it
   */
  WatchSession(GoalLog log, GoalSettings settings, Function<RuntimeException, String> failures) {
    this.log = log;
    this.settings = settings;
    this.watchLog = new WatchLog(log, settings, failures);
  }

  /**
   * Watches until stopped.
   *
   * @param alchemy the stage to deploy, with local and watch set as the goal wants
   * @param loop the project's folders and classpaths; its listener is set here
   * @param local whether the stage runs in local mode, for the log
   * @param note more words for the first line, e.g. that state lies under {@code target/}, or ""
   * @return the last successful deployment's result, or {@code null} when none succeeded
   * @throws IOException when the project's folders cannot be watched
   */
  RunResult run(Alchemy alchemy, WatchLoop.Builder loop, boolean local, String note)
      throws IOException {
    String prefix = "alchemy:" + settings.goal();
    try (WatchLoop watching = loop.listener(watchLog).build()) {
      AlchemySession session = alchemy.openSession();
      Thread onExit = new Thread(() -> close(session), "alchemy-watch-close-session");
      Runtime.getRuntime().addShutdownHook(onExit);
      try {
        boolean signals = StopSignals.install(watching::requestStop);
        log.debug(prefix + " stop signal handlers installed: " + signals);
        log.info(prefix + " " + settings.stageFqn() + " (" + (local ? "local, watch" : "watch")
            + "); state in " + session.location() + note + "; the stage is locked until the"
            + " session ends (Ctrl-C)");
        watching.run(session);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook closes the session
        }
        // Before the loop closes: the last definition's classes may serve cleanup handlers.
        close(session);
      }
    }
    return watchLog.lastResult();
  }

  /** Closes the session once, from the goal or from the shutdown hook, whichever comes first. */
  private void close(AlchemySession session) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      session.close();
      log.info("alchemy:" + settings.goal() + " session closed; the stage lock is released");
    } catch (RuntimeException e) {
      log.error("alchemy:" + settings.goal() + ": closing the session failed: " + e.getMessage());
    }
  }
}
