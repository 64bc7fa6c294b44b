package io.alchemy.bench.crash;

import io.alchemy.core.Alchemy;
import io.alchemy.core.Phase;
import io.alchemy.core.fs.TextFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs crash rounds, each in its own folder under a work folder: deploy what the round type
 * starts from, kill a run in a child JVM at a random point, run a step to completion in another
 * child JVM, run it again there, and compare the stage with what that step leaves ({@link
 * StageCheck}). Every run of a round, the starting deploy included, has the round's {@link
 * Concurrency}.
 *
 * <p>Everything a round decides comes from its seed, so a failing round is replayed by its seed.
 */
public final class CrashHarness {

  /** A child's result line; only the run's duration is read from it. */
  private static final Pattern RESULT = Pattern.compile(CrashChild.RESULT + " .* ms=(\\d+)");

  /** A halted child's last line; only the number of calls in flight is read from it. */
  private static final Pattern IN_FLIGHT =
      Pattern.compile(".* \\((\\d+) " + CrashChild.IN_FLIGHT + "\\): .*");

  /** Lines of a child's output quoted when it failed. */
  private static final int TAIL = 15;

  private final Path work;

  /**
   * How long a run of a step at a concurrency takes here from its first provider call to its end,
   * a moving average of the runs seen: a SIGKILL comes at a random time within it. Each starts at
   * a guess for 200 files: a deploy writes state twice per file, a destroy deletes faster.
   */
  private final Map<String, Long> runMillis = new HashMap<>();

  /** Rounds run in folders under {@code work}, each removed when its round ends. */
  public CrashHarness(Path work) {
    this.work = work;
  }

  /** Runs the round of {@code seed}. */
  public RoundOutcome round(long seed) throws InterruptedException {
    long start = System.nanoTime();
    RoundType type = RoundType.of(seed);
    Concurrency concurrency = Concurrency.of(seed);
    SplittableRandom random = new SplittableRandom(seed);
    Path dir = work.resolve("round-" + seed).toAbsolutePath();
    Path stateDir = dir.resolve("state");
    Path baseDir = dir.resolve("base");
    KillPoint kill = KillPoint.random(random, type.killedRunCalls(),
        runMillis(type.killed(), concurrency));
    Round round = new Round(seed, type, concurrency, kill, start);
    try {
      if (type.before() != null) {
        // In this JVM: the starting point is not under test, and a warm JVM makes it cheap.
        // Deployed with the round's concurrency, so that what state records as coming before
        // what (one chain, or one per scope) is what the killed run finds.
        Alchemy.builder().app(CrashChild.APP).stage(CrashChild.STAGE).stateDir(stateDir)
            .baseDir(baseDir).parallelism(concurrency.parallelism()).quiet(true).build()
            .run(type.before().definition(TextFile.provider(), concurrency));
      }
      ChildJvm victim = start(type.killed(), concurrency, stateDir, baseDir, kill.haltArgument(),
          1);
      if (kill.kind() == KillPoint.Kind.SIGKILL && victim.awaitFirstCall()) {
        Thread.sleep(kill.delayMillis());
        victim.kill();
      }
      int exit = victim.waitFor();
      round.killed = exit == HaltingTextFile.HALTED;
      round.diedAt = victim.lines(CrashChild.HALT).stream().findFirst().orElse(null);
      if (!round.killed && exit != 0) {
        round.differences.add("the killed run of " + type.killed() + " failed by itself, exit "
            + exit + tail(victim));
        return round.outcome();
      }
      if (!round.killed) {
        learn(victim, type.killed(), concurrency);
      }
      ChildJvm completing = start(type.completing(), concurrency, stateDir, baseDir, "none", 2);
      if (!completed(completing, "the completing run of " + type.completing(),
          round.differences)) {
        return round.outcome();
      }
      learn(completing, type.completing(), concurrency);
      List<String> results = completing.lines(CrashChild.RESULT);
      String followUp = results.get(results.size() - 1);
      String noOp = String.format("%s created=0 updated=0 replaced=0 deleted=0 unchanged=%d ",
          CrashChild.RESULT, type.completing().files().size());
      if (results.size() != 2 || !followUp.startsWith(noOp)) {
        round.differences.add("the follow-up run of " + type.completing() + " was not a no-op: "
            + followUp);
      }
      round.differences.addAll(StageCheck.differences(type.completing(), stateDir, baseDir));
      return round.outcome();
    } finally {
      deleteTree(dir);
    }
  }

  /** What one round found so far. */
  private static final class Round {
    final long seed;
    final RoundType type;
    final Concurrency concurrency;
    final KillPoint kill;
    final long start;
    final List<String> differences = new ArrayList<>();
    boolean killed;
    String diedAt;

    Round(long seed, RoundType type, Concurrency concurrency, KillPoint kill, long start) {
      this.seed = seed;
      this.type = type;
      this.concurrency = concurrency;
      this.kill = kill;
      this.start = start;
    }

    RoundOutcome outcome() {
      int inFlight = -1;
      if (diedAt != null) {
        Matcher m = IN_FLIGHT.matcher(diedAt);
        if (m.matches()) {
          inFlight = Integer.parseInt(m.group(1));
        }
      }
      return new RoundOutcome(seed, type, concurrency, kill, killed, diedAt, inFlight,
          differences, (System.nanoTime() - start) / 1_000_000);
    }
  }

  private static ChildJvm start(Step step, Concurrency concurrency, Path stateDir, Path baseDir,
      String halt, int runs) {
    return ChildJvm.start(List.of(step.name(), concurrency.name(), stateDir.toString(),
        baseDir.toString(), halt, String.valueOf(runs)));
  }

  private long runMillis(Step step, Concurrency concurrency) {
    return runMillis.getOrDefault(step + " " + concurrency,
        step.phase() == Phase.DESTROY ? 150L : 400L);
  }

  /** Whether {@code child} ended with exit code 0; if not, says so with its last lines. */
  private static boolean completed(ChildJvm child, String what, List<String> differences)
      throws InterruptedException {
    int exit = child.waitFor();
    if (exit == 0) {
      return true;
    }
    differences.add(what + " failed, exit " + exit + tail(child));
    return false;
  }

  /**
   * Moves the SIGKILL range of {@code step} at {@code concurrency} towards the duration of the
   * first full run {@code child} made.
   */
  private void learn(ChildJvm child, Step step, Concurrency concurrency) {
    Matcher result = RESULT.matcher(child.lines(CrashChild.RESULT).get(0));
    if (result.matches()) {
      runMillis.put(step + " " + concurrency,
          (3 * runMillis(step, concurrency) + Long.parseLong(result.group(1))) / 4);
    }
  }

  private static String tail(ChildJvm child) {
    List<String> output = child.output();
    List<String> last = output.subList(Math.max(0, output.size() - TAIL), output.size());
    return last.isEmpty() ? "" : ":\n    " + String.join("\n    ", last);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the round folder " + dir, e);
    }
  }
}
