package io.alchemy.bench;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.secret.Secret;
import io.alchemy.postgres.Database;
import io.alchemy.postgres.Role;
import io.alchemy.postgres.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local mode with alchemy-postgres-local: what a developer waits for. Each round uses a new
 * project folder and runs a role, a database and a schema through
 *
 * <ol>
 *   <li>a first local {@code up}: initdb, start, three creates, stop;
 *   <li>a second local {@code up}: start on the kept cluster, nothing to do, stop;
 *   <li>a redeploy inside a running session (as {@code alchemy:dev} does after an edit);
 *   <li>a local {@code destroy}.
 * </ol>
 *
 * <p>The server's own start time is reported separately (from the engine's "started in" line).
 * Argument: rounds (default 5); medians, min and max are printed.
 */
public final class LocalPostgresBenchmark {

  private LocalPostgresBenchmark() {}

  private static final InfrastructureDefinition DEFINITION = scope -> {
    Role.Output user = Role.declare(scope, "app-user", Role.props("bench_user").login(true)
        .password(Secret.of("bench-role-pw")).build());
    Database.Output db = Database.declare(scope, "app-db",
        Database.props("bench_db").owner(user).build());
    Schema.declare(scope, "reporting", Schema.props(db.name(), "reporting").owner(user).build());
  };

  /** Remembers how long the last local server start took, as the engine reported it. */
  private static final class StartTime implements RunListener {
    private static final Pattern STARTED = Pattern.compile(" started in (\\d+) ms");
    volatile double millis = Double.NaN;

    @Override
    public void info(String message) {
      Matcher m = STARTED.matcher(message);
      if (m.find()) {
        millis = Double.parseDouble(m.group(1));
      }
    }
  }

  private static Alchemy alchemy(Path project, Phase phase, RunListener listener) {
    return Alchemy.builder().app("bench").stage("dev").phase(phase).local(true)
        .baseDir(project).stateDir(project.resolve("target/alchemy/state"))
        .password(Secret.of("bench-state-pw")).listener(listener).build();
  }

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int rounds = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 5;
    Path work = Files.createTempDirectory("alchemy-bench-local");

    // Extracts the PostgreSQL binaries once and warms the JIT and the driver.
    round(work.resolve("warmup"));
    Map<String, List<Double>> times = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      round(work.resolve("r" + r)).forEach((step, ms) -> Measure.add(times, step, ms));
    }

    System.out.println();
    System.out.printf("Local mode, embedded PostgreSQL (alchemy-postgres-local): role + database"
        + " + schema, %d rounds%n", rounds);
    System.out.printf("%-46s %10s %10s %10s%n", "step", "median ms", "min ms", "max ms");
    times.forEach((step, values) -> System.out.printf("%-46s %10.0f %10.0f %10.0f%n", step,
        Measure.median(values), Measure.min(values), Measure.max(values)));
    Measure.deleteTree(work);
  }

  private static Map<String, Double> round(Path project) throws Exception {
    Map<String, Double> times = new LinkedHashMap<>();
    StartTime start = new StartTime();
    RunResult[] result = new RunResult[1];

    times.put("first local up (initdb, start, 3 creates)", Measure.timed(() ->
        result[0] = alchemy(project, Phase.UP, start).run(DEFINITION)));
    check(result[0].created() == 3, "first up creates 3: " + result[0].summary());
    times.put("  of which: server start incl. initdb", start.millis);

    times.put("second local up (start, no-op)", Measure.timed(() ->
        result[0] = alchemy(project, Phase.UP, start).run(DEFINITION)));
    check(result[0].unchanged() == 3, "second up changes nothing: " + result[0].summary());
    times.put("  of which: server start on the kept cluster", start.millis);

    try (AlchemySession session = alchemy(project, Phase.UP, start).openSession()) {
      session.run(DEFINITION);
      times.put("redeploy in a running session (no-op)", Measure.timed(() ->
          result[0] = session.run(DEFINITION)));
      check(result[0].unchanged() == 3, "redeploy changes nothing: " + result[0].summary());
    }

    times.put("local destroy (start, 3 drops)", Measure.timed(() ->
        result[0] = alchemy(project, Phase.DESTROY, start).run(DEFINITION)));
    check(result[0].deleted() == 3, "destroy drops 3: " + result[0].summary());
    return times;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Benchmark check failed: " + what);
    }
  }
}
