package io.alchemy.bench;

import io.alchemy.core.Alchemy;
import io.alchemy.core.RunResult;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of workload W1 (N text files over 10 child scopes, {@link FileResourcesBenchmark})
 * against the matching {@code up}, in-process: with nothing changed ({@code plan} of v1 and a
 * no-op {@code up} of v1 on a stage holding v1) and with everything changed ({@code plan} of v2,
 * then the {@code up} of v2 that rewrites every file, on a stage holding v1). Every round deploys
 * v1 to a new stage first (not timed), then times the four steps; plan and up alternate, and with
 * nothing changed the one that goes first alternates by round. Prints medians, every round, the
 * plan/up ratios (target: at most 1.2) and the machine's load, which moves every number on a
 * shared machine. Nothing is asserted.
 *
 * <p>Arguments: N (default 10000) and rounds (default 3).
 */
public final class PlanBenchmark {

  private static final double TARGET = 1.2;
  private static final String SAME = "nothing changed";
  private static final String ALL = "all changed";

  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int n = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 10_000;
    int rounds = words.length > 1 ? Integer.parseInt(words[1]) : 3;
    String loadBefore = Measure.machineLoad();
    Path work = Files.createTempDirectory("alchemy-bench-plan");
    Map<String, List<Double>> plan = new LinkedHashMap<>();
    Map<String, List<Double>> up = new LinkedHashMap<>();
    try {
      // One unmeasured round pays for class loading, JIT compilation and the disk's first touches.
      round(work.resolve("warmup"), n, 0, new LinkedHashMap<>(), new LinkedHashMap<>());
      for (int r = 0; r < rounds; r++) {
        round(work.resolve("round-" + r), n, r, plan, up);
      }
    } finally {
      Measure.deleteTree(work);
    }
    print(n, rounds, plan, up, loadBefore);
  }

  /** Deploys v1 to a new stage, then times plan and up with nothing and with all changed. */
  private static void round(Path dir, int n, int round, Map<String, List<Double>> plan,
      Map<String, List<Double>> up) {
    Alchemy.Builder stage = Alchemy.builder().app("bench").stage("dev")
        .stateDir(dir.resolve("state")).baseDir(dir).quiet(true);
    expect(stage.build().run(FileResourcesBenchmark.definition(n, "v1", false)), n, 0, "deploy");
    Runnable planSame = () -> Measure.add(plan, SAME, Measure.timed(() -> expect(
        stage.build().plan(FileResourcesBenchmark.definition(n, "v1", false)), 0, n, SAME)));
    Runnable upSame = () -> Measure.add(up, SAME, Measure.timed(() -> expect(
        stage.build().run(FileResourcesBenchmark.definition(n, "v1", false)), 0, 0, SAME)));
    if (round % 2 == 0) {
      planSame.run();
      upSame.run();
    } else {
      upSame.run();
      planSame.run();
    }
    // The plan must see v1's state, so it goes before the up that rewrites everything.
    Measure.add(plan, ALL, Measure.timed(() -> expect(
        stage.build().plan(FileResourcesBenchmark.definition(n, "v2", false)), n, 0, ALL)));
    Measure.add(up, ALL, Measure.timed(() -> expect(
        stage.build().run(FileResourcesBenchmark.definition(n, "v2", false)), 0, n, ALL)));
  }

  private static void expect(Plan plan, long updates, long unchanged, String step) {
    if (plan.count(PlanAction.UPDATE) != updates || plan.unchanged() != unchanged
        || plan.changes().size() != updates) {
      throw new IllegalStateException(step + ": unexpected plan " + plan.summary());
    }
  }

  private static void expect(RunResult result, long created, long updated, String step) {
    if (result.created() != created || result.updated() != updated || result.deleted() != 0) {
      throw new IllegalStateException(step + ": unexpected result " + result.summary());
    }
  }

  private static void print(int n, int rounds, Map<String, List<Double>> plan,
      Map<String, List<Double>> up, String loadBefore) {
    System.out.printf("%nPlan of W1: %d text files over 10 child scopes, %d rounds, plan and up"
        + " alternating, ms: median (min-max)%n%n", n, rounds);
    System.out.printf("%-16s | %-22s | %-22s | %8s%n", "step", "plan", "up", "plan/up");
    System.out.println("-----------------+------------------------+------------------------+"
        + "---------");
    for (String step : List.of(SAME, ALL)) {
      double ratio = Measure.median(plan.get(step)) / Measure.median(up.get(step));
      System.out.printf("%-16s | %-22s | %-22s | %7.2fx%n", step, range(plan.get(step)),
          range(up.get(step)), ratio);
    }
    System.out.printf("%nrounds, in order (plan / up):%n");
    for (String step : List.of(SAME, ALL)) {
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < plan.get(step).size(); r++) {
        line.append(String.format(" %.0f/%.0f", plan.get(step).get(r), up.get(step).get(r)));
      }
      System.out.printf("%-16s |%s%n", step, line);
    }
    System.out.printf("%ntarget: plan at most %.1fx the matching up%n", TARGET);
    System.out.printf("machine before: %s%nmachine after:  %s%n", loadBefore,
        Measure.machineLoad());
  }

  private static String range(List<Double> values) {
    return String.format("%6.0f (%.0f-%.0f)", Measure.median(values), Measure.min(values),
        Measure.max(values));
  }
}
