package io.alchemy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Timing and summary helpers shared by the benchmarks. */
final class Measure {

  private Measure() {}

  /** A step that may throw. */
  interface Step {
    void run() throws Exception;
  }

  /** How long {@code step} took, in milliseconds. */
  static double timed(Step step) {
    try {
      long start = System.nanoTime();
      step.run();
      return (System.nanoTime() - start) / 1e6;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** Adds {@code value} to the list under {@code key}. */
  static <K> void add(Map<K, List<Double>> into, K key, double value) {
    into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  /** {@code a B c} as {@code [a, B, c]} rotated by {@code by}, so rounds interleave fairly. */
  static <T> List<T> rotated(List<T> items, int by) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(items.get((i + by) % items.size()));
    }
    return out;
  }

  /**
   * The machine's load as the kernel reports it, e.g. {@code load 1.20 0.95 0.80 (1, 5, 15 min)
   * on 2 cores}: other builds on a shared machine move every number a benchmark prints.
   */
  static String machineLoad() {
    int cores = Runtime.getRuntime().availableProcessors();
    try {
      String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return "load " + load[0] + " " + load[1] + " " + load[2] + " (1, 5, 15 min) on " + cores
          + " cores";
    } catch (IOException | RuntimeException e) {
      return "load unknown (no /proc/loadavg) on " + cores + " cores";
    }
  }

  /** The machine's 1-minute load, NaN where the kernel does not say. */
  static double oneMinuteLoad() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
