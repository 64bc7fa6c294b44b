package io.alchemy.postgres.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server still running on a data directory because the JVM of an earlier session was
 * killed (SIGKILL, a crash) before it could stop it. PostgreSQL runs detached from the JVM, so it
 * outlives it; a new session stops it before starting its own on the same directory.
 */
final class LeftoverServer {

  private static final long FAST_SHUTDOWN_SECONDS = 30;

  private LeftoverServer() {}

  /** Stops the server {@code data/postmaster.pid} names, if it runs and serves {@code data}. */
  static void stop(Path data) throws IOException, InterruptedException {
    Optional<ProcessHandle> postmaster = find(data);
    if (postmaster.isEmpty()) {
      return; // none, or a stale pid file, which PostgreSQL itself ignores
    }
    ProcessHandle process = postmaster.get();
    Optional<Path> pgCtl = process.info().command().map(c -> Path.of(c).resolveSibling("pg_ctl"))
        .filter(Files::isExecutable);
    if (pgCtl.isPresent()) {
      // A fast shutdown: connected sessions are ended, the cluster is left consistent.
      Process stop = new ProcessBuilder(pgCtl.get().toString(), "-D", data.toString(), "stop",
          "-m", "fast", "-w", "-t", Long.toString(FAST_SHUTDOWN_SECONDS))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      stop.waitFor(FAST_SHUTDOWN_SECONDS + 5, TimeUnit.SECONDS);
    }
    if (process.isAlive()) {
      List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
      tree.add(process);
      tree.forEach(ProcessHandle::destroyForcibly);
      try {
        CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit)
            .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        throw new IOException("The PostgreSQL server left running on " + data + " by an earlier"
            + " session (pid " + process.pid() + ") does not stop; stop it, then run again.");
      }
    }
  }

  private static Optional<ProcessHandle> find(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.size() < 2) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    // The second line is the data directory: a reused pid of another program is left alone.
    if (!Path.of(lines.get(1).trim()).toAbsolutePath().normalize()
        .equals(data.toAbsolutePath().normalize())) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString()
            .startsWith("postgres")).orElse(true));
  }
}
