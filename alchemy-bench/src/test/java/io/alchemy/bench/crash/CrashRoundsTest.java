package io.alchemy.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash rounds in real child JVMs, a bounded number for CI (about a minute on two cores): the
 * six round types in turn, sequentially and then with forEach, each round one test named by its
 * seed. {@code -Dcrash.rounds=N} runs more, {@code -Dcrash.seed=S} replays a run; {@code
 * bench/run crash} is the long soak.
 */
class CrashRoundsTest {

  /** A multiple of twelve, so that every round type gets as many rounds with each concurrency. */
  private static final int ROUNDS = Integer.getInteger("crash.rounds", 24);

  @TempDir static Path work;

  @TestFactory
  Stream<DynamicTest> everyRoundEndsWithExactlyWhatItsLastRunDeclares() {
    long seed = Long.getLong("crash.seed", new SplittableRandom().nextLong(1_000_000_000L));
    System.out.printf("crash rounds %d..%d (replay: -Dcrash.seed=%d, or bench/run crash 1"
        + " <seed of a round>)%n", seed, seed + ROUNDS - 1, seed);
    CrashHarness harness = new CrashHarness(work);
    List<RoundOutcome> outcomes = new ArrayList<>();
    Stream<DynamicTest> rounds = LongStream.range(seed, seed + ROUNDS).mapToObj(roundSeed ->
        DynamicTest.dynamicTest("seed " + roundSeed + ": " + RoundType.of(roundSeed).label()
            + " (" + Concurrency.of(roundSeed).label() + ")", () -> {
              RoundOutcome outcome = harness.round(roundSeed);
              outcomes.add(outcome);
              System.out.println(outcome.report());
              if (!outcome.passed()) {
                fail(outcome.report());
              }
            }));
    return Stream.concat(rounds, Stream.of(DynamicTest.dynamicTest(
        "forEach rounds halted with other provider calls in flight",
        () -> severalCallsWereInFlight(outcomes))));
  }

  /**
   * The forEach rounds test what they claim: at some halt, other calls were running. Each call
   * pauses 2 ms with ten running, so all but a halt at a run's very first or last call find
   * several; with fewer than three halts (a short run of rounds) there is nothing to say.
   */
  private static void severalCallsWereInFlight(List<RoundOutcome> outcomes) {
    List<Integer> inFlight = outcomes.stream()
        .filter(o -> o.concurrency() == Concurrency.FOR_EACH && o.inFlightAtHalt() >= 0)
        .map(RoundOutcome::inFlightAtHalt).toList();
    System.out.println("other calls in flight at the forEach rounds' halts: " + inFlight);
    if (inFlight.size() >= 3) {
      assertThat(inFlight).anyMatch(n -> n >= 2);
    }
  }
}
