package io.alchemy.maven;

import sun.misc.Signal;

/**
 * Turns Ctrl-C (INT) and SIGTERM into a normal end of watch mode ({@code alchemy:dev}, {@code
 * alchemy:up -Dalchemy.watch}): the first signal calls {@code onStop} so the goal can close its
 * session and return, and Maven exits with 0; a second signal exits at once (the shutdown hooks
 * still stop spawned processes and release the lock).
 */
final class StopSignals {

  private StopSignals() {}

  /**
   * Installs the handlers.
   *
   * @return whether they were installed; without them the JVM's default handling (shutdown hooks,
   *     exit code 130 or 143) applies
   */
  static boolean install(Runnable onStop) {
    try {
      boolean[] stopping = new boolean[1];
      for (String name : new String[] {"INT", "TERM"}) {
        Signal.handle(new Signal(name), signal -> {
          synchronized (stopping) {
            if (stopping[0]) {
              Runtime.getRuntime().exit(128 + signal.getNumber());
              return;
            }
            stopping[0] = true;
          }
          onStop.run();
        });
      }
      return true;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }
}
