package io.alchemy.bench;

import com.adobe.testing.s3mock.S3MockApplication;
import io.alchemy.aws.S3Bucket;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.aws.S3Object;
import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.secret.Secret;
import io.alchemy.postgres.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code up} of N S3 buckets, N S3 objects (one in each bucket) and N PostgreSQL roles over 4
 * scopes, against S3Mock (in this JVM) and embedded PostgreSQL: a first deploy, a no-op re-run
 * and a destroy, each with the calls it made, counted three ways:
 *
 * <ul>
 *   <li>provider calls, as the engine reports them ({@link RunListener#resourceStarting}), by
 *       action;
 *   <li>S3 API calls the providers sent, by operation ({@link S3CallCounter}, an interceptor the
 *       AWS SDK adds to every client);
 *   <li>SQL statements the server executed, by first keyword ({@link SqlCounter}, from
 *       pg_stat_statements).
 * </ul>
 *
 * <p>Then the cost of refresh (reading every resource live to find drift): a no-op {@code up} of
 * the N PostgreSQL roles alone, without and with {@code refresh(true)}, in rounds interleaved
 * (the order alternates), with the SQL statements each ran.
 *
 * <p>A no-op re-run, with or without refresh, must make no mutating call at all; the benchmark
 * says so, and exits with status 1 if one did. After each destroy it checks the servers: no
 * bucket and no role is left. State is on the filesystem.
 *
 * <p>Arguments: N (default 200), rounds (default 3; medians of the times are reported, the
 * counts are the last round's and are the same in every round).
 */
public final class ProvidersBenchmark {

  private static final int SCOPES = 4;
  private static final String[] STEPS = {"first deploy", "no-op re-run", "destroy"};
  private static final List<String> REFRESH_CASES = List.of("no refresh", "refresh");

  private ProvidersBenchmark() {}

  /** Counts provider calls and outcomes reported by the engine, by action. */
  private static final class Calls implements RunListener {
    final Map<ResourceAction, LongAdder> started = new ConcurrentHashMap<>();
    final Map<ResourceAction, LongAdder> finished = new ConcurrentHashMap<>();

    @Override
    public void resourceStarting(String fqn, String type, ResourceAction action, boolean quiet) {
      started.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    @Override
    public void resourceFinished(ResourceReport report) {
      finished.computeIfAbsent(report.action(), a -> new LongAdder()).increment();
    }

    static String describe(Map<ResourceAction, LongAdder> counts) {
      StringBuilder out = new StringBuilder();
      new TreeMap<>(counts).forEach((action, count) -> {
        if (count.sum() > 0) {
          out.append(out.length() == 0 ? "" : ", ").append(action.name().toLowerCase())
              .append(' ').append(count.sum());
        }
      });
      return out.length() == 0 ? "none" : out.toString();
    }

    long total() {
      return started.values().stream().mapToLong(LongAdder::sum).sum();
    }
  }

  /** What one step did, besides its time. */
  private record Counted(String engine, long providerCalls, Map<String, Long> s3,
      Map<String, Long> sql) {}

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int n = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 200;
    int rounds = words.length > 1 ? Integer.parseInt(words[1]) : 3;

    Path work = Files.createTempDirectory("alchemy-bench-providers");
    System.out.println("Starting embedded PostgreSQL and S3Mock...");
    EmbeddedPostgres postgres = Servers.postgres();
    S3MockApplication s3mock = Servers.s3mock("");
    SqlCounter sql = new SqlCounter(postgres);
    ProviderCredentials credentials = ProviderCredentials.of(
        new AwsCredentials("AKIABENCHEXAMPLE", Secret.of("bench-secret-access-key"),
            "us-east-1"),
        S3Endpoint.of(Servers.endpoint(s3mock)),
        new PostgresCredentials("localhost", postgres.getPort(), "postgres", "postgres", null));
    boolean noOpMutated = false;
    try (S3Client check = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(Servers.endpoint(s3mock)).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("check", "check")))
        .build()) {
      // Warm the JIT, the drivers and the clients on a small stage first.
      round(work, credentials, sql, check, "warmup", Math.min(n, 20));

      Map<String, List<Double>> times = new LinkedHashMap<>();
      Map<String, Counted> counts = new LinkedHashMap<>();
      List<String> leftovers = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        Round round = round(work, credentials, sql, check, "r" + r, n);
        round.times().forEach((step, ms) -> Measure.add(times, step, ms));
        counts.putAll(round.counts());
        leftovers.add("round " + (r + 1) + ": " + round.left());
      }
      Round refresh = refreshRounds(work, credentials, sql, n, rounds);

      System.out.printf("%nProviders: `up` of %d S3 buckets, %d S3 objects and %d PostgreSQL roles"
          + " (%d resources) over %d scopes, %d rounds, medians in ms%n"
          + "(provider calls: as the engine reports them; S3 calls: API requests the providers"
          + " sent; SQL: statements the server ran; mutating = changes something)%n%n",
          n, n, n, 3 * n, SCOPES, rounds);
      System.out.printf("%-12s | %7s | %-22s | %-17s | %-17s%n", "step", "ms", "provider calls",
          "S3 calls (mut.)", "SQL stmts (mut.)");
      System.out.println("-------------+---------+------------------------+-------------------+"
          + "------------------");
      for (String step : STEPS) {
        Counted c = counts.get(step);
        System.out.printf("%-12s | %7.0f | %-22s | %-17s | %-17s%n", step,
            Measure.median(times.get(step)), c.providerCalls() + " (" + c.engine() + ")",
            total(c.s3()) + " (" + mutatingS3(c.s3()) + ")",
            SqlCounter.total(c.sql()) + " (" + SqlCounter.mutating(c.sql()) + ")");
      }
      System.out.println();
      for (String step : STEPS) {
        Counted c = counts.get(step);
        System.out.printf("%-12s S3 by operation: %s%n%-12s SQL by keyword:  %s%n", step,
            c.s3().isEmpty() ? "none" : c.s3(), "", c.sql().isEmpty() ? "none" : c.sql());
      }
      Counted noOp = counts.get(STEPS[1]);
      long mutating = mutatingS3(noOp.s3()) + SqlCounter.mutating(noOp.sql());
      noOpMutated = mutating != 0 || noOp.providerCalls() != 0;
      System.out.printf("%nNo-op re-run: %d provider calls, %d S3 calls, %d SQL statements,"
          + " %d of them mutating: %s%n", noOp.providerCalls(), total(noOp.s3()),
          SqlCounter.total(noOp.sql()), mutating, noOpMutated ? "FAILED" : "ok");
      System.out.println("After each destroy, left on the servers: "
          + String.join("; ", leftovers));

      System.out.printf("%nRefresh: no-op `up` of the %d PostgreSQL roles alone over %d scopes,"
          + " without and with refresh (a live read of every role), %d rounds interleaved,"
          + " medians in ms%n%n", n, SCOPES, rounds);
      System.out.printf("%-12s | %7s | %-22s | %-17s%n", "no-op up", "ms", "provider calls",
          "SQL stmts (mut.)");
      System.out.println("-------------+---------+------------------------+------------------");
      for (String c : REFRESH_CASES) {
        Counted counted = refresh.counts().get(c);
        System.out.printf("%-12s | %7.0f | %-22s | %-17s%n", c, refresh.times().get(c),
            counted.providerCalls() + " (" + counted.engine() + ")",
            SqlCounter.total(counted.sql()) + " (" + SqlCounter.mutating(counted.sql()) + ")");
      }
      double without = refresh.times().get(REFRESH_CASES.get(0));
      double with = refresh.times().get(REFRESH_CASES.get(1));
      System.out.printf("%nRefresh costs %+.0f ms (%.2f ms per role, x%.2f)%n", with - without,
          (with - without) / n, with / without);
      for (String c : REFRESH_CASES) {
        Map<String, Long> statements = refresh.counts().get(c).sql();
        System.out.printf("%-12s SQL by keyword:  %s%n", c,
            statements.isEmpty() ? "none" : statements);
      }
      Counted refreshed = refresh.counts().get(REFRESH_CASES.get(1));
      long refreshMutating = SqlCounter.mutating(refreshed.sql());
      boolean refreshMutated = refreshMutating != 0 || refreshed.providerCalls() != 0;
      noOpMutated |= refreshMutated;
      System.out.printf("No-op with refresh: %d provider calls, %d SQL statements, %d of them"
          + " mutating: %s%n", refreshed.providerCalls(), SqlCounter.total(refreshed.sql()),
          refreshMutating, refreshMutated ? "FAILED" : "ok");
      System.out.println("After its destroy, left on the server: " + refresh.left());
    } finally {
      s3mock.stop();
      postgres.close();
      Measure.deleteTree(work);
    }
    if (noOpMutated) {
      System.exit(1);
    }
  }

  private static long total(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  private static long mutatingS3(Map<String, Long> calls) {
    return calls.entrySet().stream().filter(e -> S3CallCounter.isMutating(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** One round: each step's ms and counts, and what the destroy left on the servers. */
  private record Round(Map<String, Double> times, Map<String, Counted> counts, String left) {}

  private static Round round(Path work, ProviderCredentials credentials, SqlCounter sql,
      S3Client check, String stage, int n) throws Exception {
    String prefix = "bench-" + stage;
    Map<String, Double> times = new LinkedHashMap<>();
    Map<String, Counted> counts = new LinkedHashMap<>();
    InfrastructureDefinition definition = definition(prefix, n);
    long[][] expected = {{3L * n, 0, 0}, {0, 3L * n, 0}, {0, 0, 3L * n}};
    for (int s = 0; s < STEPS.length; s++) {
      Calls calls = new Calls();
      Alchemy.Builder builder = Alchemy.builder().app("bench").stage(stage)
          .stateDir(work.resolve("state")).baseDir(work).credentials(credentials).quiet(true)
          .listener(calls).phase(s == 2 ? Phase.DESTROY : Phase.UP);
      sql.reset();
      S3CallCounter.reset();
      long[] want = expected[s];
      times.put(STEPS[s], Measure.timed(() -> check(builder.build().run(definition), want)));
      counts.put(STEPS[s], new Counted(Calls.describe(calls.started), calls.total(),
          S3CallCounter.calls(), sql.statements()));
    }
    long buckets = check.listBuckets().buckets().stream()
        .filter(b -> b.name().startsWith(prefix)).count();
    long roles = countRoles(sql, prefix.replace('-', '_'));
    return new Round(times, counts, buckets + " buckets, " + roles + " roles");
  }

  /**
   * The N roles alone, deployed once; then in each round a no-op up without refresh and one with
   * it, in alternating order; then a destroy. Times are the medians, counts the last round's.
   */
  private static Round refreshRounds(Path work, ProviderCredentials credentials, SqlCounter sql,
      int n, int rounds) throws Exception {
    String stage = "refresh";
    InfrastructureDefinition roles = roles("bench_refresh", n);
    check(builder(work, credentials, stage, new Calls(), false).build().run(roles),
        new long[] {n, 0, 0});
    // Warms the live read, which the earlier rounds never took.
    check(builder(work, credentials, stage, new Calls(), true).build().run(roles),
        new long[] {0, n, 0});
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, Counted> counts = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (String c : Measure.rotated(REFRESH_CASES, r)) {
        Calls calls = new Calls();
        Alchemy alchemy = builder(work, credentials, stage, calls, c.equals("refresh")).build();
        sql.reset();
        Measure.add(times, c, Measure.timed(() -> {
          RunResult result = alchemy.run(roles);
          check(result, new long[] {0, n, 0});
          if (!result.drift().isEmpty()) {
            throw new IllegalStateException("unexpected drift " + result.drift());
          }
        }));
        counts.put(c, new Counted(Calls.describe(calls.started), calls.total(), Map.of(),
            sql.statements()));
      }
    }
    check(builder(work, credentials, stage, new Calls(), false).phase(Phase.DESTROY).build()
        .run(roles), new long[] {0, 0, n});
    Map<String, Double> medians = new LinkedHashMap<>();
    times.forEach((c, ms) -> medians.put(c, Measure.median(ms)));
    return new Round(medians, counts, countRoles(sql, "bench_refresh") + " roles");
  }

  private static Alchemy.Builder builder(Path work, ProviderCredentials credentials,
      String stage, Calls calls, boolean refresh) {
    return Alchemy.builder().app("bench").stage(stage).stateDir(work.resolve("state"))
        .baseDir(work).credentials(credentials).quiet(true).listener(calls).refresh(refresh);
  }

  private static long countRoles(SqlCounter sql, String prefix) throws Exception {
    try (Connection c = Servers.admin(sql.postgres()); PreparedStatement q = c.prepareStatement(
        "SELECT count(*) FROM pg_roles WHERE rolname LIKE ?")) {
      q.setString(1, prefix + "%");
      try (ResultSet rows = q.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** N roles that log in, over the scopes, as {@link #definition} declares them. */
  private static InfrastructureDefinition roles(String prefix, int n) {
    return stage -> {
      for (int s = 0; s < SCOPES; s++) {
        int scope = s;
        stage.run("scope-" + s, child -> {
          for (int i = scope; i < n; i += SCOPES) {
            Role.declare(child, "role-" + i, Role.props(prefix + "_r" + i).login(true).build());
          }
        });
      }
    };
  }

  private static InfrastructureDefinition definition(String prefix, int n) {
    String rolePrefix = prefix.replace('-', '_');
    return stage -> {
      for (int s = 0; s < SCOPES; s++) {
        int scope = s;
        stage.run("scope-" + s, child -> {
          for (int i = scope; i < n; i += SCOPES) {
            S3Bucket.Output bucket = S3Bucket.declare(child, "bucket-" + i,
                S3Bucket.props(prefix + "-b" + i).build());
            S3Object.declare(child, "object-" + i, S3Object.props(bucket.name(),
                "hello-" + i + ".txt").content("hello " + i).build());
            Role.declare(child, "role-" + i, Role.props(rolePrefix + "_r" + i).login(true)
                .build());
          }
        });
      }
    };
  }

  /** {created, unchanged, deleted} as expected. */
  private static void check(RunResult result, long[] expected) {
    if (result.created() != expected[0] || result.unchanged() != expected[1]
        || result.deleted() != expected[2]) {
      throw new IllegalStateException("unexpected result " + result.summary());
    }
  }
}
