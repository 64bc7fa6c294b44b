package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.definition.LoadedDefinition;
import io.alchemy.core.watch.WatchLoop;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a goal's definition with the {@link Alchemy.Builder} the goal configured: once, in the
 * goal's phase, or in watch mode ({@code alchemy:dev}, {@code alchemy:up -Dalchemy.watch}) until
 * stopped. Knows nothing of Maven: its lines go to a {@link GoalLog}, and it throws the core's
 * exceptions for the goal to word.
 */
final class GoalRunner {

  /**
   * What a goal does with its loaded definition when it runs once: run it, plan it, apply an
   * approved plan.
   *
   * @param <E> what it throws besides the core's unchecked exceptions, e.g. a goal's own failure
   *     after a plan
   */
  @FunctionalInterface
  interface Action<E extends Exception> {

    /** The run's result, or {@code null} when there is none to report (a plan). */
    RunResult run(Alchemy alchemy, InfrastructureDefinition definition) throws E;
  }

  private final GoalSettings settings;
  private final GoalLog log;
  private final String prefix;

  /**
   * @param settings the goal's settings, with the state backend's note
   * @param log where the runner's own lines go
   */
  GoalRunner(GoalSettings settings, GoalLog log) {
    this.settings = settings;
    this.log = log;
    this.prefix = "alchemy:" + settings.goal();
  }

  /**
   * Loads the definition, runs {@code action} on it once with the definition's class loader as the
   * thread's context class loader, and logs the summary line.
   *
   * @param builder the run, configured but for its class loader
   * @param definitions where the definition is loaded from; the class is the settings' {@link
   *     GoalSettings#definition()}, or the one registered
   * @param backend the state backend, for the first line
   * @param note more words for the first line, e.g. that state lies under {@code target/}, or ""
   * @return what the run did; {@code null} when {@code action} had nothing to report
   */
  <E extends Exception> RunResult once(Alchemy.Builder builder, DefinitionLoader definitions,
      StateBackend backend, String note, Action<E> action) throws E {
    try (LoadedDefinition loaded = definitions.load(settings.definition())) {
      Alchemy alchemy = builder.classLoader(loaded.classLoader()).build();
      log.info(prefix + " " + settings.stageFqn() + " with " + loaded.className() + " ("
          + loaded.origin() + "); state in "
          // stateKey: the local state of the stage is kept apart, under <stage>@local.
          + backend.location(settings.app(), alchemy.stateKey()) + note);
      // Libraries in the user's code (Jackson modules, JDBC drivers, SDK clients) look things up
      // through the context class loader; inside Maven it would be the plugin's realm.
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loaded.classLoader());
      RunResult result;
      try {
        result = action.run(alchemy, loaded.definition());
      } finally {
        thread.setContextClassLoader(previous);
      }
      if (result != null) {
        log.info(prefix + " " + settings.stageFqn() + ": " + result.summary() + " in "
            + result.duration().toMillis() + " ms");
      }
      return result;
    }
  }

  /**
   * Watches until stopped: opens one session of the stage, whose lock is held until the session
   * ends, and runs the core's {@link WatchLoop} on it, logging what the loop does through {@link
   * WatchLog}. Ctrl-C or SIGTERM ({@link StopSignals}) stops the loop, the session is closed
   * (spawned processes stopped, cleanup handlers run, lock released) and this returns, so Maven
   * exits with 0; a shutdown hook closes the session if the JVM ends first.
   *
   * @param builder the stage to deploy, with local and watch set as the goal wants
   * @param loop the project's folders and classpaths; its listener is set here
   * @param local whether the stage runs in local mode, for the log
   * @param note more words for the first line, e.g. that state lies under {@code target/}, or ""
   * @param failures words a failing run as the goal run once would word it
   * @return the last successful deployment's result, or {@code null} when none succeeded
   * @throws IOException when the project's folders cannot be watched
   */
  RunResult watch(Alchemy.Builder builder, WatchLoop.Builder loop, boolean local, String note,
      Function<RuntimeException, String> failures) throws IOException {
    WatchLog watchLog = new WatchLog(log, settings, failures);
    Alchemy alchemy = builder.build();
    try (WatchLoop watching = loop.listener(watchLog).build()) {
      AlchemySession session = alchemy.openSession();
      AtomicBoolean closed = new AtomicBoolean();
      Thread onExit = new Thread(() -> close(session, closed), "alchemy-watch-close-session");
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
        close(session, closed);
      }
    }
    return watchLog.lastResult();
  }

  /** Closes the session once, from the goal or from the shutdown hook, whichever comes first. */
  private void close(AlchemySession session, AtomicBoolean closed) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      session.close();
      log.info(prefix + " session closed; the stage lock is released");
    } catch (RuntimeException e) {
      log.error(prefix + ": closing the session failed: " + e.getMessage());
    }
  }
}
