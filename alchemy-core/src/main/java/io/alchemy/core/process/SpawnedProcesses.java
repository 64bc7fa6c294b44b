package io.alchemy.core.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes this JVM spawned, stopped (each with its whole process tree) when the JVM exits:
 * at the normal end of a run, after a failure, and on Ctrl-C or SIGTERM.
 */
final class SpawnedProcesses {

  private static final Set<ProcessHandle> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Duration GRACE = Duration.ofSeconds(5);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SpawnedProcesses::stopAll,
        "alchemy-stop-spawned-processes"));
  }

  private SpawnedProcesses() {}

  static void track(ProcessHandle process) {
    RUNNING.add(process);
  }

  /** Whether the process {@code pid} that started at {@code started} still runs. */
  static boolean alive(long pid, String started) {
    return find(pid, started).isPresent();
  }

  /** Stops {@code pid} and its descendants, if it is the process that started at {@code started}. */
  static void stop(long pid, String started) {
    find(pid, started).ifPresent(SpawnedProcesses::stopTree);
  }

  static String startInstant(ProcessHandle process) {
    return process.info().startInstant().map(Object::toString).orElse("");
  }

  private static Optional<ProcessHandle> find(long pid, String started) {
    // A pid alone could name a new, unrelated process; the start time makes it the same one.
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> startInstant(p).equals(started));
  }

  static void stopTree(ProcessHandle root) {
    RUNNING.remove(root);
    // Children first, so none is left running under a parent that is gone.
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    tree.forEach(ProcessHandle::destroy);
    try {
      CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit)
          .toArray(CompletableFuture[]::new)).get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // not all stopped politely in time
    }
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  private static void stopAll() {
    for (ProcessHandle process : Set.copyOf(RUNNING)) {
      stopTree(process);
    }
  }
}
