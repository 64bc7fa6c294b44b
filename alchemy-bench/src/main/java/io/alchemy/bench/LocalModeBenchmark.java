package io.alchemy.bench;

import io.alchemy.aws.S3Bucket;
import io.alchemy.aws.S3Object;
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
 * Local mode's servers, what a developer waits for: alchemy-postgres-local (a role, a database
 * and a schema on an embedded PostgreSQL) and alchemy-aws-local (a bucket and an object on
 * S3Mock in this JVM). Each round uses a new project folder and runs each kind through
 *
 * <ol>
 *   <li>a first local {@code up}: start (PostgreSQL: with initdb), the creates, stop;
 *   <li>a second local {@code up}: nothing to do, so no start;
 *   <li>a local {@code up} that changes one resource: start on the kept data, the update, stop;
 *   <li>a redeploy inside a running session (as {@code alchemy:dev} does after an edit);
 *   <li>a local {@code destroy}.
 * </ol>
 *
 * <p>The server's own start time is reported separately (from the engine's "started in" line).
 * Argument: rounds (default 5); medians, min and max are printed, per kind.
 */
public final class LocalModeBenchmark {

  private LocalModeBenchmark() {}

  /** What the "change" step changes: one prop of one resource. */
  private static volatile String version = "v1";

  private static final InfrastructureDefinition POSTGRES = scope -> {
    Role.Output user = Role.declare(scope, "app-user", Role.props("bench_user").login(true)
        .password(Secret.of("bench-role-pw-" + version)).build());
    Database.Output db = Database.declare(scope, "app-db",
        Database.props("bench_db").owner(user).build());
    Schema.declare(scope, "reporting", Schema.props(db.name(), "reporting").owner(user).build());
  };

  private static final InfrastructureDefinition S3 = scope -> {
    S3Bucket.Output site = S3Bucket.declare(scope, "site",
        S3Bucket.props("bench-site").versioning(true).build());
    S3Object.declare(scope, "page", S3Object.props(site.name(), "index.html")
        .content("<h1>bench " + version + "</h1>").build());
  };

  /** One kind of local server and what it runs. */
  private record Kind(String name, String resources, int count, InfrastructureDefinition def) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("PostgreSQL", "3 resources", 3, POSTGRES),
      new Kind("S3", "2 resources", 2, S3));

  /** Remembers how long the last local server start took, as the engine reported it. */
  private static final class StartTime implements RunListener {
    private static final Pattern STARTED = Pattern.compile(" started in (\\d+) ms");
    volatile double millis = Double.NaN;
    volatile int starts;

    @Override
    public void info(String message) {
      Matcher m = STARTED.matcher(message);
      if (m.find()) {
        millis = Double.parseDouble(m.group(1));
        starts++;
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

    // Extracts the PostgreSQL binaries once, loads Spring, warms the JIT and the clients.
    for (Kind kind : KINDS) {
      round(work.resolve("warmup-" + kind.name()), kind);
    }
    for (Kind kind : KINDS) {
      Map<String, List<Double>> times = new LinkedHashMap<>();
      for (int r = 0; r < rounds; r++) {
        round(work.resolve("r" + r + "-" + kind.name()), kind)
            .forEach((step, ms) -> Measure.add(times, step, ms));
      }
      System.out.println();
      System.out.printf("Local mode, %s (%s), %d rounds%n", kind.name(), kind.resources(), rounds);
      System.out.printf("%-46s %10s %10s %10s%n", "step", "median ms", "min ms", "max ms");
      times.forEach((step, values) -> System.out.printf("%-46s %10.0f %10.0f %10.0f%n", step,
          Measure.median(values), Measure.min(values), Measure.max(values)));
    }
    Measure.deleteTree(work);
  }

  private static Map<String, Double> round(Path project, Kind kind) throws Exception {
    Map<String, Double> times = new LinkedHashMap<>();
    StartTime start = new StartTime();
    RunResult[] result = new RunResult[1];
    int n = kind.count();

    times.put("first local up (start, " + n + " creates)", Measure.timed(() ->
        result[0] = alchemy(project, Phase.UP, start).run(kind.def())));
    check(result[0].created() == n, "first up creates " + n + ": " + result[0].summary());
    times.put("  of which: server start (first time)", start.millis);

    int starts = start.starts;
    times.put("second local up (no-op, no start)", Measure.timed(() ->
        result[0] = alchemy(project, Phase.UP, start).run(kind.def())));
    check(result[0].unchanged() == n, "second up changes nothing: " + result[0].summary());
    check(start.starts == starts, "second up starts no server");

    version = "v2";
    times.put("local up changing one (start, 1 update)", Measure.timed(() ->
        result[0] = alchemy(project, Phase.UP, start).run(kind.def())));
    version = "v1";
    check(result[0].updated() == 1, "the change updates one: " + result[0].summary());
    check(start.starts == starts + 1, "the change starts the server");
    times.put("  of which: server start on kept data", start.millis);

    try (AlchemySession session = alchemy(project, Phase.UP, start).openSession()) {
      session.run(kind.def());
      times.put("redeploy in a running session (no-op)", Measure.timed(() ->
          result[0] = session.run(kind.def())));
      check(result[0].unchanged() == n, "redeploy changes nothing: " + result[0].summary());
    }

    times.put("local destroy (start, " + n + " deletes)", Measure.timed(() ->
        result[0] = alchemy(project, Phase.DESTROY, start).run(kind.def())));
    check(result[0].deleted() == n, "destroy deletes " + n + ": " + result[0].summary());
    return times;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Benchmark check failed: " + what);
    }
  }
}
