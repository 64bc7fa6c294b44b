package io.alchemy.bench.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bench/run crash <rounds> [seed]}: runs crash rounds of the six types in turn, each type
 * sequentially and then with forEach ({@link Concurrency}), prints each round as it ends, then a
 * table of rounds, passes, failures and calls in flight at the halts per type and concurrency, the
 * seeds of the failures and the time. Round {@code i} has seed {@code seed + i}; {@code bench/run
 * crash 1 <seed>} replays one round. Like the other benchmarks it only reports (exit 0); {@code
 * CrashRoundsTest} is the one that asserts.
 */
public final class CrashSoak {

  private CrashSoak() {}

  public static void main(String[] args) throws Exception {
    // exec:exec passes "<rounds> [seed]" as one argument.
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int rounds = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 20;
    long seed = words.length > 1 ? Long.parseLong(words[1])
        : new SplittableRandom().nextLong(1_000_000_000L);
    System.out.printf("%d crash rounds from seed %d (replay one: bench/run crash 1 <its seed>)%n",
        rounds, seed);
    Path work = Files.createTempDirectory("alchemy-crash");
    CrashHarness harness = new CrashHarness(work);
    List<RoundOutcome> outcomes = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < rounds; i++) {
        RoundOutcome outcome = harness.round(seed + i);
        outcomes.add(outcome);
        System.out.printf("round %d/%d, %d ms, %s%n", i + 1, rounds, outcome.millis(),
            outcome.report());
      }
    } finally {
      Files.deleteIfExists(work);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    printTable(outcomes, seconds);
  }

  private static void printTable(List<RoundOutcome> outcomes, double seconds) {
    // Every type with each concurrency, in the order seeds go through them.
    Map<String, List<RoundOutcome>> byLabel = new LinkedHashMap<>();
    for (Concurrency concurrency : Concurrency.values()) {
      for (RoundType type : RoundType.values()) {
        byLabel.put(type.label() + " (" + concurrency.label() + ")", outcomes.stream()
            .filter(o -> o.type() == type && o.concurrency() == concurrency).toList());
      }
    }
    System.out.printf("%n%-46s | %6s | %6s | %6s | %11s | %17s%n", "round type", "rounds",
        "passed", "failed", "kill missed", "in flight at halt");
    System.out.println("-----------------------------------------------+--------+--------+"
        + "--------+-------------+------------------");
    byLabel.forEach(CrashSoak::row);
    row("all", outcomes);
    System.out.printf("%ntime: %.0f s, %.1f s per round%n", seconds,
        outcomes.isEmpty() ? 0 : seconds / outcomes.size());
    byLabel.forEach((label, list) -> {
      List<Long> failed = list.stream().filter(o -> !o.passed()).map(RoundOutcome::seed).toList();
      if (!failed.isEmpty()) {
        System.out.printf("failed, %s: seeds %s%n", label, failed);
      }
    });
  }

  /** One row; "in flight at halt" is the fewest and most other calls running at the halts. */
  private static void row(String label, List<RoundOutcome> list) {
    long passed = list.stream().filter(RoundOutcome::passed).count();
    long missed = list.stream().filter(o -> !o.killed()).count();
    IntSummaryStatistics inFlight = list.stream().mapToInt(RoundOutcome::inFlightAtHalt)
        .filter(n -> n >= 0).summaryStatistics();
    String range = inFlight.getCount() == 0 ? "-"
        : inFlight.getMin() + "-" + inFlight.getMax() + " (" + inFlight.getCount() + " halts)";
    System.out.printf("%-46s | %6d | %6d | %6d | %11d | %17s%n", label, list.size(), passed,
        list.size() - passed, missed, range);
  }
}
