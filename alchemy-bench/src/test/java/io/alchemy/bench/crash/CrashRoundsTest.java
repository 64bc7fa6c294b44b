package io.alchemy.bench.crash;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash rounds in real child JVMs, a bounded number for CI (about a minute on two cores): the
 * four round types in turn, each round one test named by its seed. {@code -Dcrash.rounds=N}
 * runs more, {@code -Dcrash.seed=S} replays a run; {@code bench/run crash} is the long soak.
 */
class CrashRoundsTest {

  /** A multiple of four, so that every round type gets as many rounds. */
  private static final int ROUNDS = Integer.getInteger("crash.rounds", 24);

  @TempDir static Path work;

  @TestFactory
  Stream<DynamicTest> everyRoundEndsWithExactlyWhatItsLastRunDeclares() {
    long seed = Long.getLong("crash.seed", new SplittableRandom().nextLong(1_000_000_000L));
    System.out.printf("crash rounds %d..%d (replay: -Dcrash.seed=%d, or bench/run crash 1"
        + " <seed of a round>)%n", seed, seed + ROUNDS - 1, seed);
    CrashHarness harness = new CrashHarness(work);
    return LongStream.range(seed, seed + ROUNDS).mapToObj(roundSeed -> DynamicTest.dynamicTest(
        "seed " + roundSeed + ": " + RoundType.of(roundSeed).label(), () -> {
          RoundOutcome outcome = harness.round(roundSeed);
          System.out.println(outcome.report());
          if (!outcome.passed()) {
            fail(outcome.report());
          }
        }));
  }
}
