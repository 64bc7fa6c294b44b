package io.alchemy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One timed Maven process of a whole-process benchmark: whether it did what was expected (and
 * why not), and its wall and CPU time. The benchmarks' own run records add what else they
 * measure.
 */
interface MeasuredProcess {

  /** Whether the process did what the benchmark expected; only such runs count. */
  boolean ok();

  /** Why not, or {@code ""}. */
  String note();

  /**
   * The wall and CPU milliseconds {@code /usr/bin/time -f "%e %U %S"} wrote to {@code file}: its
   * last three fields (it may print a note about the exit status first).
   */
  static double[] wallAndCpuMillis(Path file) throws IOException {
    String[] fields = Files.readString(file).trim().split("\\s+");
    double wall = Double.parseDouble(fields[fields.length - 3]) * 1000;
    double cpu = (Double.parseDouble(fields[fields.length - 2])
        + Double.parseDouble(fields[fields.length - 1])) * 1000;
    return new double[] {wall, cpu};
  }

  /** The median of {@code of} over the runs that went as expected; NaN when none did. */
  static <R extends MeasuredProcess> double median(List<R> runs, ToDoubleFunction<R> of) {
    List<Double> values = runs == null ? List.of()
        : runs.stream().filter(MeasuredProcess::ok).map(r -> of.applyAsDouble(r)).toList();
    return values.isEmpty() ? Double.NaN : Measure.median(values);
  }

  /** e.g. {@code "  (1 failed: exit 1: ...)"} for a table row, {@code ""} when none failed. */
  static String failures(List<? extends MeasuredProcess> runs) {
    long failed = runs.stream().filter(r -> !r.ok()).count();
    return failed == 0 ? "" : "  (" + failed + " failed: "
        + runs.stream().filter(r -> !r.ok()).findFirst().map(MeasuredProcess::note).orElse("")
        + ")";
  }
}
