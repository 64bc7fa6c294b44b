package io.alchemy.bench.crash;

import io.alchemy.core.Alchemy;
import io.alchemy.core.fs.TextFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs crash rounds, each in its own folder under a work folder: deploy what the round type
 * starts from, kill a run in a child JVM at a random point, run a workload to completion in
 * another child JVM, run it again there, and compare the stage with what that workload declares
 * ({@link StageCheck}).
 *
 * <p>Everything a round decides comes from its seed, so a failing round is replayed by its seed.
 */
public final class CrashHarness {

  /** A child's result line; only the run's duration is read from it. */
  private static final Pattern RESULT = Pattern.compile(CrashChild.RESULT + " .* ms=(\\d+)");

  /** Lines of a child's output quoted when it failed. */
  private static final int TAIL = 15;

  private final Path work;

  /**
   * How long a run takes here from its first provider call to its end, a moving average of the
   * runs seen: a SIGKILL comes at a random time within it. Starts at a guess for 200 files.
   */
  private long runMillis = 500;

  /** Rounds run in folders under {@code work}, each removed when its round ends. */
  public CrashHarness(Path work) {
    this.work = work;
  }

  /** Runs the round of {@code seed}. */
  public RoundOutcome round(long seed) throws InterruptedException {
    long start = System.nanoTime();
    RoundType type = RoundType.of(seed);
    SplittableRandom random = new SplittableRandom(seed);
    Path dir = work.resolve("round-" + seed).toAbsolutePath();
    Path stateDir = dir.resolve("state");
    Path baseDir = dir.resolve("base");
    int calls = Workload.providerCalls(type.before(), type.killed());
    KillPoint kill = KillPoint.random(random, calls, runMillis);
    List<String> differences = new ArrayList<>();
    boolean killed = false;
    String diedAt = null;
    try {
      if (type.before() != null) {
        // In this JVM: the starting point is not under test, and a warm JVM makes it cheap.
        Alchemy.builder().app(CrashChild.APP).stage(CrashChild.STAGE).stateDir(stateDir)
            .baseDir(baseDir).quiet(true).build()
            .run(type.before().definition(TextFile.provider()));
      }
      ChildJvm victim = start(type.killed(), stateDir, baseDir, kill.haltArgument(), 1);
      if (kill.kind() == KillPoint.Kind.SIGKILL && victim.awaitFirstCall()) {
        Thread.sleep(kill.delayMillis());
        victim.kill();
      }
      int exit = victim.waitFor();
      killed = exit == HaltingTextFile.HALTED;
      diedAt = victim.lines(CrashChild.HALT).stream().findFirst().orElse(null);
      if (!killed && exit != 0) {
        differences.add("the killed run of " + type.killed() + " failed by itself, exit " + exit
            + tail(victim));
        return outcome(seed, type, kill, false, diedAt, differences, start);
      }
      if (!killed) {
        learn(victim);
      }
      ChildJvm completing = start(type.completing(), stateDir, baseDir, "none", 2);
      if (!completed(completing, "the completing run of " + type.completing(), differences)) {
        return outcome(seed, type, kill, killed, diedAt, differences, start);
      }
      learn(completing);
      List<String> results = completing.lines(CrashChild.RESULT);
      String followUp = results.get(results.size() - 1);
      String noOp = String.format("%s created=0 updated=0 replaced=0 deleted=0 unchanged=%d ",
          CrashChild.RESULT, type.completing().files().size());
      if (results.size() != 2 || !followUp.startsWith(noOp)) {
        differences.add("the follow-up run of " + type.completing() + " was not a no-op: "
            + followUp);
      }
      differences.addAll(StageCheck.differences(type.completing(), stateDir, baseDir));
      return outcome(seed, type, kill, killed, diedAt, differences, start);
    } finally {
      deleteTree(dir);
    }
  }

  private static ChildJvm start(Workload workload, Path stateDir, Path baseDir, String halt,
      int runs) {
    return ChildJvm.start(List.of(workload.name(), stateDir.toString(), baseDir.toString(), halt,
        String.valueOf(runs)));
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

  /** Moves the SIGKILL range towards the duration of the first full run {@code child} made. */
  private void learn(ChildJvm child) {
    Matcher result = RESULT.matcher(child.lines(CrashChild.RESULT).get(0));
    if (result.matches()) {
      runMillis = (3 * runMillis + Long.parseLong(result.group(1))) / 4;
    }
  }

  private static String tail(ChildJvm child) {
    List<String> output = child.output();
    List<String> last = output.subList(Math.max(0, output.size() - TAIL), output.size());
    return last.isEmpty() ? "" : ":\n    " + String.join("\n    ", last);
  }

  private static RoundOutcome outcome(long seed, RoundType type, KillPoint kill, boolean killed,
      String diedAt, List<String> differences, long start) {
    return new RoundOutcome(seed, type, kill, killed, diedAt, differences,
        (System.nanoTime() - start) / 1_000_000);
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
