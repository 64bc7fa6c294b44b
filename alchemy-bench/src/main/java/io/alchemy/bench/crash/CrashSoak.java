package io.alchemy.bench.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bench/run crash <rounds> [seed]}: runs crash rounds of the four types in turn, prints
 * each round as it ends, then a table of rounds, passes and failures per type, the seeds of the
 * failures and the time. Round {@code i} has seed {@code seed + i}; {@code bench/run crash 1
 * <seed>} replays one round. Like the other benchmarks it only reports (exit 0); {@code
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
    Map<RoundType, List<RoundOutcome>> byType = new EnumMap<>(RoundType.class);
    for (RoundType type : RoundType.values()) {
      byType.put(type, outcomes.stream().filter(o -> o.type() == type).toList());
    }
    System.out.printf("%n%-31s | %6s | %6s | %6s | %11s%n", "round type", "rounds", "passed",
        "failed", "kill missed");
    System.out.println("--------------------------------+--------+--------+--------+------------");
    byType.forEach((type, list) -> row(type.label(), list));
    row("all", outcomes);
    System.out.printf("%ntime: %.0f s, %.1f s per round%n", seconds,
        outcomes.isEmpty() ? 0 : seconds / outcomes.size());
    byType.forEach((type, list) -> {
      List<Long> failed = list.stream().filter(o -> !o.passed()).map(RoundOutcome::seed).toList();
      if (!failed.isEmpty()) {
        System.out.printf("failed, %s: seeds %s%n", type.label(), failed);
      }
    });
  }

  private static void row(String label, List<RoundOutcome> list) {
    long passed = list.stream().filter(RoundOutcome::passed).count();
    long missed = list.stream().filter(o -> !o.killed()).count();
    System.out.printf("%-31s | %6d | %6d | %6d | %11d%n", label, list.size(), passed,
        list.size() - passed, missed);
  }
}
