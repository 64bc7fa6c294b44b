package io.alchemy.bench;

import com.adobe.testing.s3mock.S3MockApplication;
import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import io.alchemy.state.postgres.PostgresStateConfig;
import io.alchemy.state.postgres.PostgresStateStore;
import io.alchemy.state.s3.S3StateConfig;
import io.alchemy.state.s3.S3StateStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One {@code up} of N text files over 10 child scopes (workload W1) with its state on each
 * backend: the filesystem, PostgreSQL (embedded, its own process) and S3 (S3Mock, in this JVM).
 * Times a first deploy, a no-op re-run and a destroy, with the requests each made to its state
 * store; backends are interleaved within each round (in a rotating order) and medians reported.
 * Then times how long a run waiting for a stage's lock (lockTimeout 30 s) takes to proceed once
 * the holder releases it, on each backend.
 *
 * <p>Both servers are local, so the remote backends' times are a floor: a real database or
 * bucket adds its network round trip to every request counted here.
 *
 * <p>Arguments: N (default 1000), rounds (default 3), lock hand-offs per backend (default 10).
 */
public final class StateBackendsBenchmark {

  private static final int SCOPES = 10;
  private static final String BUCKET = "alchemy-state";
  private static final String[] STEPS = {"first deploy", "no-op re-run", "destroy"};

  private StateBackendsBenchmark() {}

  /** A backend: how to make a store, and what requests it made since the counters were reset. */
  private interface Backend {
    String name();

    StateStore store();

    /** Resets this backend's request counter. */
    default void resetRequests() throws Exception {}

    /** Requests since the reset, e.g. {@code 2011 SQL}; {@code -} when not counted. */
    default String requests() throws Exception {
      return "-";
    }
  }

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int n = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 1000;
    int rounds = words.length > 1 ? Integer.parseInt(words[1]) : 3;
    int handoffs = words.length > 2 ? Integer.parseInt(words[2]) : 10;

    Path work = Files.createTempDirectory("alchemy-bench-backends");
    System.out.println("Starting embedded PostgreSQL and S3Mock...");
    EmbeddedPostgres postgres = Servers.postgres();
    S3MockApplication s3mock = Servers.s3mock(BUCKET);
    SqlCounter sql = new SqlCounter(postgres);
    List<AutoCloseable> closeables = new ArrayList<>();
    try {
      Backend files = new Backend() {
        @Override
        public String name() {
          return "filesystem";
        }

        @Override
        public StateStore store() {
          return new FileSystemStateStore(work.resolve("state"));
        }
      };
      PostgresStateConfig pgConfig = new PostgresStateConfig(Servers.url(postgres), "postgres",
          null, null);
      Backend pg = new Backend() {
        @Override
        public String name() {
          return "postgres";
        }

        @Override
        public StateStore store() {
          return new PostgresStateStore(pgConfig);
        }

        @Override
        public void resetRequests() throws Exception {
          sql.reset();
        }

        @Override
        public String requests() throws Exception {
          return SqlCounter.total(sql.statements()) + " SQL";
        }
      };
      S3StateConfig s3Config = S3StateConfig.builder(BUCKET)
          .endpointOverride(Servers.endpoint(s3mock)).pathStyle(true)
          .credentials("bench", Secret.of("bench-secret-key")).build();
      Backend s3 = new Backend() {
        @Override
        public String name() {
          return "s3";
        }

        @Override
        public StateStore store() {
          S3StateStore store = new S3StateStore(s3Config);
          synchronized (closeables) {
            closeables.add(store);
          }
          return store;
        }

        @Override
        public void resetRequests() {
          S3CallCounter.reset();
        }

        @Override
        public String requests() {
          return S3CallCounter.total() + " S3";
        }
      };
      List<Backend> backends = List.of(files, pg, s3);

      // Warm the JIT and every client on a small stage first.
      for (Backend backend : backends) {
        round(backend, work, "warmup", Math.min(n, 100));
      }

      Map<String, Map<String, List<Double>>> times = new LinkedHashMap<>();
      Map<String, Map<String, String>> requests = new LinkedHashMap<>();
      for (int r = 0; r < rounds; r++) {
        for (Backend backend : Measure.rotated(backends, r)) {
          Round round = round(backend, work, "r" + r, n);
          Map<String, List<Double>> byStep = times.computeIfAbsent(backend.name(),
              k -> new LinkedHashMap<>());
          round.times().forEach((step, ms) -> Measure.add(byStep, step, ms));
          requests.put(backend.name(), round.requests());
        }
      }

      System.out.printf("%nState backends: one `up` of %d TextFile resources over %d child"
          + " scopes, %d rounds interleaved, medians in ms%n"
          + "(requests = what the run sent to its state store: SQL statements or S3 API calls)"
          + "%n%n", n, SCOPES, rounds);
      System.out.printf("%-10s | %-12s | %9s | %9s | %9s | %s%n", "backend", "step", "median",
          "min", "max", "requests");
      System.out.println("-----------+--------------+-----------+-----------+-----------+"
          + "----------");
      for (Backend backend : backends) {
        for (String step : STEPS) {
          List<Double> values = times.get(backend.name()).get(step);
          System.out.printf("%-10s | %-12s | %9.0f | %9.0f | %9.0f | %s%n", backend.name(), step,
              Measure.median(values), Measure.min(values), Measure.max(values),
              requests.get(backend.name()).get(step));
        }
      }

      handoffs(backends, handoffs);
    } finally {
      for (AutoCloseable closeable : closeables) {
        closeable.close();
      }
      s3mock.stop();
      postgres.close();
      Measure.deleteTree(work);
    }
  }

  /** One round on one backend: ms and requests, by step. */
  private record Round(Map<String, Double> times, Map<String, String> requests) {}

  private static Round round(Backend backend, Path work, String stage, int n)
      throws Exception {
    Path dir = work.resolve("files-" + backend.name() + "-" + stage);
    Alchemy.Builder builder = Alchemy.builder().app("bench").stage(stage).baseDir(dir)
        .stateStore(backend.store()).quiet(true);
    Map<String, Double> times = new LinkedHashMap<>();
    Map<String, String> requests = new LinkedHashMap<>();
    backend.resetRequests();
    times.put(STEPS[0], Measure.timed(() -> check(builder.build().run(definition(n)), n, 0, 0)));
    requests.put(STEPS[0], backend.requests());
    backend.resetRequests();
    times.put(STEPS[1], Measure.timed(() -> check(builder.build().run(definition(n)), 0, n, 0)));
    requests.put(STEPS[1], backend.requests());
    backend.resetRequests();
    times.put(STEPS[2], Measure.timed(() -> check(builder.phase(Phase.DESTROY).build()
        .run(definition(n)), 0, 0, n)));
    requests.put(STEPS[2], backend.requests());
    Measure.deleteTree(dir);
    return new Round(times, requests);
  }

  private static InfrastructureDefinition definition(int n) {
    return stage -> {
      for (int s = 0; s < SCOPES; s++) {
        int scope = s;
        stage.run("scope-" + s, child -> {
          for (int i = scope; i < n; i += SCOPES) {
            TextFile.declare(child, "f" + i,
                TextFile.props("files/scope-" + scope + "/f" + i + ".txt", "v1 " + i));
          }
        });
      }
    };
  }

  private static void check(RunResult result, long created, long unchanged, long deleted) {
    if (result.created() != created || result.unchanged() != unchanged
        || result.deleted() != deleted) {
      throw new IllegalStateException("unexpected result " + result.summary());
    }
  }

  /**
   * A run holds the stage; another waits for it with a lockTimeout; the holder closes. Measured:
   * from the moment the holder starts to release (its {@code close()}) to the moment the waiting
   * run's open returns with the lock. Samples are interleaved across backends, and the waiter
   * starts waiting a random 300 to 600 ms before the release, so a polling waiter is caught at
   * every point of its schedule.
   */
  private static void handoffs(List<Backend> backends, int samples) throws Exception {
    Map<String, List<Double>> proceed = new LinkedHashMap<>();
    Map<String, List<Double>> close = new LinkedHashMap<>();
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      for (Backend backend : backends) {
        handoff(backend, threads, "warmup"); // warm up
      }
      for (int i = 0; i < samples; i++) {
        for (Backend backend : Measure.rotated(backends, i)) {
          double[] sample = handoff(backend, threads, "lock");
          Measure.add(proceed, backend.name(), sample[0]);
          Measure.add(close, backend.name(), sample[1]);
        }
      }
    } finally {
      threads.shutdownNow();
    }
    System.out.printf("%nLock hand-off: a run waits for the stage lock (lockTimeout 30 s) while"
        + " another holds it;%nms from the holder's close() to the waiting run holding the lock,"
        + " %d samples per backend%n%n", samples);
    System.out.printf("%-10s | %9s | %9s | %9s | %s%n", "backend", "median", "min", "max",
        "holder's close() itself, median");
    System.out.println("-----------+-----------+-----------+-----------+"
        + "-------------------------------");
    for (Backend backend : backends) {
      List<Double> values = proceed.get(backend.name());
      System.out.printf("%-10s | %9.1f | %9.1f | %9.1f | %.1f%n", backend.name(),
          Measure.median(values), Measure.min(values), Measure.max(values),
          Measure.median(close.get(backend.name())));
    }
  }

  /** One hand-off: {ms until the waiter held the lock, ms the holder's close() took}. */
  private static double[] handoff(Backend backend, ExecutorService threads, String stage)
      throws Exception {
    StateStore holderStore = backend.store();
    StateStore waiterStore = backend.store();
    StageState holder = holderStore.open("bench", stage, AccessMode.WRITE);
    CountDownLatch asking = new CountDownLatch(1);
    long[] acquiredAt = new long[1];
    Future<?> waiter = threads.submit(() -> {
      asking.countDown();
      try (StageState next = waiterStore.open("bench", stage, AccessMode.WRITE,
          Duration.ofSeconds(30))) {
        acquiredAt[0] = System.nanoTime();
      }
      return null;
    });
    asking.await();
    Thread.sleep(300 + ThreadLocalRandom.current().nextInt(300));
    if (waiter.isDone()) {
      waiter.get();
      throw new IllegalStateException(backend.name() + ": the waiting run did not wait");
    }
    long releasing = System.nanoTime();
    holder.close();
    long released = System.nanoTime();
    waiter.get(30, TimeUnit.SECONDS);
    return new double[] {(acquiredAt[0] - releasing) / 1e6, (released - releasing) / 1e6};
  }
}
