package io.alchemy.bench;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Workload W1: N text files over 10 child scopes. Times the engine in-process (no JVM start) for
 * a first deploy, a no-op re-run, the same no-op reading every file live ({@code refresh}), an
 * all-changed re-run and a destroy, against the floor of writing, reading, rewriting and deleting
 * the same files without Alchemy. Floor and engine rounds are
 * interleaved (A B A B) and medians reported, because this disk is noisy.
 *
 * <p>Beside it, the same files declared through {@code forEach} over the 10 scopes (one child
 * scope per item, entered at once), interleaved with the sequential rounds and printed in a
 * second table: what concurrency costs or gains when every provider call is a quick file write.
 *
 * <p>Arguments: comma-separated sizes (default {@code 1000,10000}) and rounds (default 3).
 */
public final class FileResourcesBenchmark {

  private static final int SCOPES = 10;

  private FileResourcesBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int[] sizes = Arrays.stream((words.length > 0 ? words[0] : "1000,10000").split(","))
        .mapToInt(Integer::parseInt).toArray();
    int rounds = words.length > 1 ? Integer.parseInt(words[1]) : 3;
    Path work = Files.createTempDirectory("alchemy-bench");
    try {
      // One unmeasured round of each side at the largest size: the first round here pays for JIT
      // compilation and for the file system's first touches, and would otherwise count as noise.
      int largest = Arrays.stream(sizes).max().orElse(1000);
      floorRound(work.resolve("warmup-floor"), largest);
      engineRound(work.resolve("warmup-engine"), largest, false);
      engineRound(work.resolve("warmup-foreach"), largest, true);
      System.out.printf("%nW1: N text files over %d child scopes, %d rounds, medians in ms"
          + " (floor = the same file work without Alchemy)%n%n", SCOPES, rounds);
      System.out.printf("%7s | %-14s | %9s | %9s | %6s%n", "N", "step", "alchemy", "floor",
          "ratio");
      System.out.println("--------+----------------+-----------+-----------+-------");
      Map<Integer, Map<String, List<Double>>> sequential = new LinkedHashMap<>();
      Map<Integer, Map<String, List<Double>>> forEach = new LinkedHashMap<>();
      for (int n : sizes) {
        Map<String, List<Double>> engine = new LinkedHashMap<>();
        Map<String, List<Double>> floor = new LinkedHashMap<>();
        Map<String, List<Double>> concurrent = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
          merge(floor, floorRound(work.resolve("floor-" + n + "-" + r), n));
          merge(engine, engineRound(work.resolve("engine-" + n + "-" + r), n, false));
          merge(concurrent, engineRound(work.resolve("foreach-" + n + "-" + r), n, true));
        }
        sequential.put(n, engine);
        forEach.put(n, concurrent);
        String[][] rows = {
            {"first deploy", "write"}, {"no-op re-run", null}, {"no-op refresh", "read"},
            {"all changed", "rewrite"}, {"destroy", "delete"}};
        for (String[] row : rows) {
          double a = median(engine.get(row[0]));
          if (row[1] == null) {
            System.out.printf("%7d | %-14s | %9.0f | %9s | %6s%n", n, row[0], a, "-", "-");
          } else {
            double f = median(floor.get(row[1]));
            System.out.printf("%7d | %-14s | %9.0f | %9.0f | %5.2fx%n", n, row[0], a, f, a / f);
          }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%7d | heap used after the runs: %d MiB%n", n,
            (rt.totalMemory() - rt.freeMemory()) >> 20);
      }
      printForEach(sequential, forEach, rounds);
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Prints sequential W1 beside its {@code forEach} variant: the ratio says how much slower (above
   * 1) or faster the concurrent definition is.
   */
  private static void printForEach(Map<Integer, Map<String, List<Double>>> sequential,
      Map<Integer, Map<String, List<Double>>> forEach, int rounds) {
    System.out.printf("%nW1 with forEach: the same files, the %d child scopes entered through"
        + " forEach (default parallelism),%ninterleaved with the rounds above, %d rounds,"
        + " medians in ms%n%n", SCOPES, rounds);
    System.out.printf("%7s | %-14s | %10s | %9s | %6s%n", "N", "step", "sequential", "forEach",
        "ratio");
    System.out.println("--------+----------------+------------+-----------+-------");
    sequential.forEach((n, times) -> {
      for (String step : times.keySet()) {
        double a = median(times.get(step));
        double b = median(forEach.get(n).get(step));
        System.out.printf("%7d | %-14s | %10.0f | %9.0f | %5.2fx%n", n, step, a, b, b / a);
      }
    });
    System.out.printf("%nmachine: %s%n", Measure.machineLoad());
  }

  private static Map<String, Double> engineRound(Path dir, int n, boolean forEach) {
    Map<String, Double> times = new LinkedHashMap<>();
    Alchemy.Builder builder = Alchemy.builder().app("bench").stage("dev")
        .stateDir(dir.resolve("state")).baseDir(dir).quiet(true);
    times.put("first deploy", timed(() ->
        check(builder.build().run(definition(n, "v1", forEach)), n, 0)));
    times.put("no-op re-run", timed(() ->
        check(builder.build().run(definition(n, "v1", forEach)), 0, 0)));
    // Drift detection: every file read live and compared, nothing found.
    times.put("no-op refresh", timed(() ->
        check(builder.refresh(true).build().run(definition(n, "v1", forEach)), 0, 0)));
    builder.refresh(false);
    times.put("all changed", timed(() ->
        check(builder.build().run(definition(n, "v2", forEach)), 0, n)));
    times.put("destroy", timed(() ->
        builder.phase(Phase.DESTROY).build().run(definition(n, "v2", forEach))));
    return times;
  }

  /**
   * N files over the child scopes, entered one after another, or all at once with forEach; the
   * files' content is {@code version} and their number. {@link PlanBenchmark} plans the same.
   */
  static InfrastructureDefinition definition(int n, String version, boolean forEach) {
    Scope.ItemBody<Integer> files = (stage, scope) -> stage.run("scope-" + scope, child -> {
      for (int i = scope; i < n; i += SCOPES) {
        TextFile.declare(child, "f" + i,
            TextFile.props("files/scope-" + scope + "/f" + i + ".txt", version + " " + i));
      }
    });
    List<Integer> scopes = IntStream.range(0, SCOPES).boxed().toList();
    return stage -> {
      if (forEach) {
        stage.forEach(scopes, files);
      } else {
        for (int scope : scopes) {
          files.accept(stage, scope);
        }
      }
    };
  }

  private static Map<String, Double> floorRound(Path dir, int n) throws IOException {
    Map<String, Double> times = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(dir.resolve("files/scope-" + (i % SCOPES) + "/f" + i + ".txt"));
    }
    times.put("write", timed(() -> writeAll(files, "v1")));
    times.put("read", timed(() -> {
      for (Path file : files) {
        Files.readAllBytes(file);
      }
    }));
    times.put("rewrite", timed(() -> writeAll(files, "v2")));
    times.put("delete", timed(() -> {
      for (Path file : files) {
        Files.delete(file);
      }
    }));
    return times;
  }

  private static void writeAll(List<Path> files, String version) throws IOException {
    int i = 0;
    for (Path file : files) {
      Files.createDirectories(file.getParent());
      Files.write(file, (version + " " + i++).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void check(RunResult result, long created, long updated) {
    if (result.created() != created || result.updated() != updated) {
      throw new IllegalStateException("unexpected result " + result.summary());
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double timed(Step step) {
    try {
      long start = System.nanoTime();
      step.run();
      return (System.nanoTime() - start) / 1e6;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void merge(Map<String, List<Double>> into, Map<String, Double> round) {
    round.forEach((k, v) -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int m = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
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
