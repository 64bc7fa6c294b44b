package io.alchemy.bench;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workload W2: 200 resources whose every create, update and delete takes 50 ms (a {@link
 * SleepingProvider}), over 10 child scopes entered with {@code forEach}, 20 in sequence within
 * each scope. Times a first deploy, a no-op re-run and a destroy at parallelism 1 and 10, rounds
 * interleaved (1, 10, 1, 10, ...), and prints medians with the machine's load.
 *
 * <p>At parallelism 10 the floor of a deploy and of a destroy is 20 calls in sequence, 1.0 s; at
 * parallelism 1 it is all 200, 10 s. Nothing is asserted: the numbers are for reading.
 *
 * <p>Arguments: rounds (default 3).
 */
public final class ConcurrencyBenchmark {

  private static final int RESOURCES = 200;
  private static final int SCOPES = 10;
  private static final long CALL_MILLIS = 50;
  private static final int[] PARALLELISMS = {1, 10};
  private static final String[] STEPS = {"first deploy", "no-op re-run", "destroy"};

  private ConcurrencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int rounds = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 3;
    String loadBefore = Measure.machineLoad();
    Path work = Files.createTempDirectory("alchemy-bench-w2");
    Map<Integer, Map<String, List<Double>>> times = new LinkedHashMap<>();
    Map<Integer, Integer> mostAtOnce = new LinkedHashMap<>();
    try {
      // One unmeasured round at 10 pays for class loading and JIT compilation; one at 1 would
      // cost 20 s and warm the same code.
      round(work.resolve("warmup"), 10, new SleepingProvider(CALL_MILLIS));
      for (int r = 0; r < rounds; r++) {
        for (int parallelism : PARALLELISMS) {
          SleepingProvider provider = new SleepingProvider(CALL_MILLIS);
          round(work.resolve("p" + parallelism + "-" + r), parallelism, provider)
              .forEach((step, ms) -> Measure.add(
                  times.computeIfAbsent(parallelism, p -> new LinkedHashMap<>()), step, ms));
          mostAtOnce.merge(parallelism, provider.mostAtOnce(), Math::max);
        }
      }
    } finally {
      Measure.deleteTree(work);
    }
    print(rounds, times, mostAtOnce, loadBefore);
  }

  /** One first deploy, no-op re-run and destroy in a new stage; times by step. */
  private static Map<String, Double> round(Path dir, int parallelism, SleepingProvider provider) {
    Alchemy.Builder builder = Alchemy.builder().app("bench").stage("dev")
        .stateDir(dir.resolve("state")).baseDir(dir).quiet(true).parallelism(parallelism);
    InfrastructureDefinition definition = definition(provider);
    Map<String, Double> times = new LinkedHashMap<>();
    times.put(STEPS[0], Measure.timed(() ->
        expect(builder.build().run(definition), RESOURCES, 0, 0, STEPS[0])));
    times.put(STEPS[1], Measure.timed(() ->
        expect(builder.build().run(definition), 0, 0, 0, STEPS[1])));
    times.put(STEPS[2], Measure.timed(() ->
        expect(builder.phase(Phase.DESTROY).build().run(definition), 0, 0, RESOURCES,
            STEPS[2])));
    return times;
  }

  private static InfrastructureDefinition definition(SleepingProvider provider) {
    List<Integer> scopes = new ArrayList<>();
    for (int s = 0; s < SCOPES; s++) {
      scopes.add(s);
    }
    return stage -> stage.forEach(scopes, (scope, s) -> scope.run("scope-" + s, child -> {
      for (int i = s; i < RESOURCES; i += SCOPES) {
        child.resource("r" + i, provider, new SleepingProvider.Props("r" + i, "v1"));
      }
    }));
  }

  private static void expect(RunResult result, long created, long updated, long deleted,
      String step) {
    if (result.created() != created || result.updated() != updated
        || result.deleted() != deleted) {
      throw new IllegalStateException(step + ": unexpected result " + result.summary());
    }
  }

  private static void print(int rounds, Map<Integer, Map<String, List<Double>>> times,
      Map<Integer, Integer> mostAtOnce, String loadBefore) {
    double floorAt10 = (double) RESOURCES / SCOPES * CALL_MILLIS;
    System.out.printf("%nW2: %d resources of %d ms per call over %d child scopes (forEach, %d in"
        + " sequence per scope), %d rounds interleaved, ms: median (min-max)%n%n", RESOURCES,
        CALL_MILLIS, SCOPES, RESOURCES / SCOPES, rounds);
    System.out.printf("%-13s | %-22s | %-22s | %8s | %11s%n", "step", "parallelism 1",
        "parallelism 10", "speed-up", "floor at 10");
    System.out.println("--------------+------------------------+------------------------+"
        + "----------+------------");
    for (String step : STEPS) {
      List<Double> one = times.get(1).get(step);
      List<Double> ten = times.get(10).get(step);
      boolean calls = !step.equals(STEPS[1]);
      System.out.printf("%-13s | %-22s | %-22s | %7.1fx | %11s%n", step, range(one), range(ten),
          Measure.median(one) / Measure.median(ten),
          calls ? String.format("%.0f", floorAt10) : "-");
    }
    System.out.printf("%nmost provider calls at once: %d at parallelism 1, %d at parallelism"
        + " 10%n", mostAtOnce.get(1), mostAtOnce.get(10));
    System.out.printf("machine before: %s%nmachine after:  %s%n", loadBefore,
        Measure.machineLoad());
  }

  private static String range(List<Double> values) {
    return String.format("%6.0f (%.0f-%.0f)", Measure.median(values), Measure.min(values),
        Measure.max(values));
  }
}
