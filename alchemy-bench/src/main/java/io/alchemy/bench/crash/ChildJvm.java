package io.alchemy.bench.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A running {@link CrashChild} JVM, on this JVM's class path, with its output collected. */
final class ChildJvm {

  private static final long TIMEOUT_SECONDS = 120;

  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstCall = new CountDownLatch(1);
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    // Read as it comes: the parent times a SIGKILL from the child's first provider call.
    this.reader = new Thread(this::read, "crash-child-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@link CrashChild} with {@code args}. */
  static ChildJvm start(List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Short-lived JVMs on a machine with few cores: C1 only and the serial collector start
        // faster and leave the cores to the other rounds' builds.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName()));
    command.addAll(args);
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM: " + command, e);
    }
  }

  /** Waits until the child makes its first provider call; false when it ended first. */
  boolean awaitFirstCall() throws InterruptedException {
    return firstCall.await(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.isAlive();
  }

  /** Kills the child with SIGKILL. */
  void kill() {
    process.destroyForcibly();
  }

  /** Waits for the child to end and returns its exit code; kills it after two minutes. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      output.add("(killed by the harness after " + TIMEOUT_SECONDS + " s)");
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Every line the child printed so far, stdout and stderr. */
  List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** The lines that start with {@code prefix}. */
  List<String> lines(String prefix) {
    return output().stream().filter(l -> l.startsWith(prefix)).toList();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        output.add(line);
        if (line.equals(CrashChild.FIRST_CALL)) {
          firstCall.countDown();
        }
      }
    } catch (IOException e) {
      output.add("(cannot read the child's output: " + e + ")");
    } finally {
      firstCall.countDown();
    }
  }
}
