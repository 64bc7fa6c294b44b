package io.alchemy.bench.crash;

import io.alchemy.core.Alchemy;
import io.alchemy.core.RunResult;
import java.nio.file.Path;

/**
 * The child JVM of a crash round: runs one {@link Step} (deploys a {@link Workload}, or destroys)
 * and reports on stdout, one line per event, for {@link ChildJvm} to read.
 *
 * <p>Arguments: {@code <A|B|DESTROY> <SEQUENTIAL|FOR_EACH> <stateDir> <baseDir> <halt> <runs>},
 * where the second says how the definition enters its scopes and at which parallelism ({@link
 * Concurrency}), {@code halt} is {@code none}, {@code before:N} or {@code after:N} (halt the JVM
 * at the N-th provider call of the first run) and {@code runs} is how many times to run the step
 * (2: the completing run and its follow-up, which must be a no-op).
 */
public final class CrashChild {

  /** App and stage of every crash round. */
  static final String APP = "crash";

  static final String STAGE = "dev";

  /**
   * Printed by {@link HaltingTextFile} at a run's first provider call: the parent's clock for a
   * SIGKILL, which before that point would only interrupt a JVM loading classes and state.
   */
  static final String FIRST_CALL = "first call";

  /**
   * Printed after each run: {@code result created=.. updated=.. .. ms=..}, {@code ms} counted
   * from the first provider call (the span a SIGKILL is aimed at), or from the start of a run
   * that called none.
   */
  static final String RESULT = "result";

  /** Printed by {@link HaltingTextFile} just before it halts. */
  static final String HALT = "halting";

  /** In the halt line, after the number of calls that were running beside the halting one. */
  static final String IN_FLIGHT = "other calls in flight";

  private CrashChild() {}

  public static void main(String[] args) {
    Step step = Step.valueOf(args[0]);
    Concurrency concurrency = Concurrency.valueOf(args[1]);
    Path stateDir = Path.of(args[2]);
    Path baseDir = Path.of(args[3]);
    String halt = args[4];
    int runs = Integer.parseInt(args[5]);
    int haltAt = halt.equals("none") ? 0 : Integer.parseInt(halt.substring(halt.indexOf(':') + 1));
    boolean afterCall = halt.startsWith("after");
    Alchemy alchemy = Alchemy.builder().app(APP).stage(STAGE).stateDir(stateDir).baseDir(baseDir)
        .phase(step.phase()).parallelism(concurrency.parallelism()).quiet(true).build();
    for (int run = 0; run < runs; run++) {
      // A new provider per run: the halt counts the calls of the first run only.
      HaltingTextFile provider = new HaltingTextFile(run == 0 ? haltAt : 0, afterCall,
          concurrency.callPauseMillis());
      long start = System.nanoTime();
      RunResult result = alchemy.run(step.workload().definition(provider, concurrency));
      long from = provider.firstCallNanos().orElse(start);
      System.out.printf("%s created=%d updated=%d replaced=%d deleted=%d unchanged=%d ms=%d%n",
          RESULT, result.created(), result.updated(), result.replaced(), result.deleted(),
          result.unchanged(), (System.nanoTime() - from) / 1_000_000);
      System.out.flush();
    }
  }
}
