package io.alchemy.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import io.alchemy.core.state.StateMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is particular to the PostgreSQL store, against a real server shared by the module's test
 * classes; what every store promises is {@link PostgresStateStoreContractTest}'s.
 */
@Timeout(60)
@ExtendWith(PostgresTestServer.class)
class PostgresStateStoreTest {

  private static final AtomicInteger APPS = new AtomicInteger();

  @TempDir Path dir;

  /** Each test has its own app, so tests share one server and one schema without meeting. */
  private final String app = "app" + APPS.incrementAndGet();

  private static String url() {
    return PostgresTestServer.url();
  }

  private static PostgresStateStore store() {
    return store(null);
  }

  private static PostgresStateStore store(String schema) {
    return new PostgresStateStore(new PostgresStateConfig(url(), "postgres", null, schema));
  }

  private static Connection admin() throws SQLException {
    return PostgresTestServer.admin();
  }

  private static ResourceRecord record(String id, long seq) {
    return new ResourceRecord(ResourceRecord.FORMAT_VERSION, "", id, "app/dev/" + id, "t::T", seq,
        ResourceStatus.CREATED, TextNode.valueOf("p" + id), TextNode.valueOf("o" + id), null, null);
  }

  private InfrastructureDefinition files(String content) {
    return stage -> {
      TextFile.declare(stage, "readme", TextFile.props(dir.resolve("README.txt"), content));
      stage.set("greeting", "hello " + content);
      stage.run("docs", docs -> {
        TextFile.declare(docs, "guide", TextFile.props(dir.resolve("docs/guide.txt"), content));
      });
    };
  }

  private Alchemy.Builder alchemy(PostgresStateStore store) {
    return Alchemy.builder().app(app).stage("dev").baseDir(dir).stateStore(store);
  }

  @Test
  void aFullRunKeepsItsStateInPostgres() throws Exception {
    RunResult first = alchemy(store()).build().run(files("v1"));
    assertThat(first.created()).isEqualTo(2);
    try (StageState state = store().open(app, "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("readme", "docs/guide");
      assertThat(state.resources().get("docs/guide").status()).isEqualTo(ResourceStatus.CREATED);
      assertThat(state.scopes().get("").values()).containsEntry("greeting",
          TextNode.valueOf("hello v1"));
      assertThat(state.location()).isEqualTo("table alchemy.records at " + url());
    }
    // The body is exactly the JSON Alchemy writes for the record.
    try (Connection c = admin(); PreparedStatement q = c.prepareStatement(
        "SELECT body FROM alchemy.records"
            + " WHERE app = ? AND kind = 'resource' AND key = 'readme'")) {
      q.setString(1, app);
      try (ResultSet rows = q.executeQuery()) {
        rows.next();
        try (StageState state = store().open(app, "dev", AccessMode.READ)) {
          assertThat(rows.getString(1)).isEqualTo(io.alchemy.core.state.StateJson.mapper()
              .writeValueAsString(state.resources().get("readme")));
        }
      }
    }
    assertThat(alchemy(store()).build().run(files("v1")).unchanged()).isEqualTo(2);
    assertThat(alchemy(store()).build().run(files("v2")).updated()).isEqualTo(2);
    assertThat(dir.resolve("docs/guide.txt")).hasContent("v2");
    RunResult destroyed = alchemy(store()).phase(Phase.DESTROY).build().run(files("v2"));
    assertThat(destroyed.deleted()).isEqualTo(2);
    assertThat(dir.resolve("README.txt")).doesNotExist();
    assertThat(rowsOf("alchemy.records")).isZero();
    assertThat(rowsOf("alchemy.stage_locks")).isZero();
  }

  @Test
  void aSecondWriterFailsAtOnceNamingTheHolder() throws Exception {
    try (StageState holder = store().open(app, "dev", AccessMode.WRITE)) {
      LockInfo info = holder.lock().orElseThrow();
      long start = System.nanoTime();
      assertThatThrownBy(() -> store().open(app, "dev", AccessMode.WRITE))
          .isInstanceOf(StateLockedException.class)
          .hasMessage("Stage " + app + "/dev is locked by another run: " + info.describe()
              + " (lock table alchemy.stage_locks at " + url() + "). This run did not wait for it"
              + " (lockTimeout is 0). Nothing was changed. Wait for that run to finish and run"
              + " again, or set a lockTimeout (Alchemy.builder().lockTimeout(Duration.ofMinutes(10)))"
              + " so that runs of one stage queue and proceed in turn. A crashed run's lock goes"
              + " with its database session; if that run hangs or its session lingers, end it. If"
              + " that run crashed, release its lock with: StateStore.forceUnlock(\"" + app
              + "\", \"dev\", \"" + info.lockId() + "\")")
          .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(info));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(store().lockHolder(app, "dev")).contains(info);
      // The failed attempt left no row of its own: only the holder's.
      assertThat(rowsOf("alchemy.stage_locks")).isEqualTo(1);
    }
    assertThat(store().lockHolder(app, "dev")).isEmpty();
    assertThat(rowsOf("alchemy.stage_locks")).isZero();
  }

  @Test
  void racingThreadsProceedOneAtATime() throws Exception {
    int threads = 4;
    int rounds = 50;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        runs.add(pool.submit(() -> {
          for (int i = 0; i < rounds / threads; i++) {
            try (StageState state = store().open(app, "dev", AccessMode.WRITE,
                Duration.ofSeconds(30))) {
              mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
              ResourceRecord counter = state.resources().get("counter");
              state.put(record("counter", counter == null ? 1 : counter.seq() + 1));
              inside.decrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mostInside.get()).isEqualTo(1);
    assertThat(CounterRacer.read(store(), app)).isEqualTo(threads * (rounds / threads));
  }

  @Test
  void racingProcessesProceedOneAtATime() throws Exception {
    int rounds = 25;
    List<Process> racers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      racers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          CounterRacer.class.getName(), url(), "postgres", app, String.valueOf(rounds))
          .inheritIO().start());
    }
    for (Process racer : racers) {
      assertThat(racer.waitFor(50, TimeUnit.SECONDS)).isTrue();
      assertThat(racer.exitValue()).isZero();
    }
    // Every increment of both processes landed: no two ever held the stage at once.
    assertThat(CounterRacer.read(store(), app)).isEqualTo(2L * rounds);
  }

  @Test
  void anotherSchemaIsAnotherNamespaceOfLocks() throws Exception {
    // Stages and apps sharing one table: the contract. Here: two schemas in one database.
    try (StageState dev = store().open(app, "dev", AccessMode.WRITE);
        StageState other = store("alchemy_other").open(app, "dev", AccessMode.WRITE)) {
      dev.put(record("d", 1));
      other.put(record("o", 1));
    }
    try (StageState dev = store().open(app, "dev", AccessMode.READ);
        StageState other = store("alchemy_other").open(app, "dev", AccessMode.READ)) {
      assertThat(dev.resources()).containsOnlyKeys("d");
      assertThat(other.resources()).containsOnlyKeys("o");
    }
  }

  @Test
  void aReaderCreatesNoSchemaOrTable() throws Exception {
    // A reader needs no lock and writes nothing: the contract. Here: not even the tables.
    try (StageState reader = store("alchemy_never").open(app, "dev", AccessMode.READ)) {
      assertThat(reader.resources()).isEmpty();
    }
    assertThat(store("alchemy_never").lockHolder(app, "dev")).isEmpty();
    try (Connection c = admin(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(
            "SELECT 1 FROM pg_namespace WHERE nspname = 'alchemy_never'")) {
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void aLockedReaderCreatesNoSchemaOrTable() throws Exception {
    // A plan on a database nobody deployed to: nothing to read or hold, and nothing is created.
    try (StageState reader = store("alchemy_planned").open(app, "dev", AccessMode.LOCKED_READ)) {
      assertThat(reader.resources()).isEmpty();
      assertThatThrownBy(() -> reader.put(record("a", 1)))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(store("alchemy_planned").lockHolder(app, "dev")).isEmpty();
    try (Connection c = admin(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(
            "SELECT 1 FROM pg_namespace WHERE nspname = 'alchemy_planned'")) {
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void tablesOfANewerLayoutAreRefused() throws Exception {
    store("alchemy_future").open(app, "dev", AccessMode.WRITE).close();
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE alchemy_future.schema_version SET version = 99");
    }
    assertThatThrownBy(() -> store("alchemy_future").open(app, "dev", AccessMode.READ))
        .isInstanceOf(StateException.class)
        .hasMessage("The state tables in schema alchemy_future have layout version 99, created by"
            + " a newer Alchemy; this one reads up to version 1. Upgrade the plugin to use this"
            + " state.");
  }

  @Test
  void anUnreachableDatabaseIsAClearErrorWithoutThePassword() throws Exception {
    PostgresStateStore wrong = new PostgresStateStore(new PostgresStateConfig(
        "jdbc:postgresql://localhost:1/postgres?connectTimeout=2", "postgres",
        io.alchemy.core.secret.Secret.of("hunter2"), null));
    assertThatThrownBy(() -> wrong.open(app, "dev", AccessMode.WRITE))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith("Cannot connect to the PostgreSQL state database at"
            + " jdbc:postgresql://localhost:1/postgres?… as postgres: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThat(wrong.toString()).doesNotContain("hunter2");
  }

  @Test
  void aStageMovesFromTheFileSystemToPostgres() throws Exception {
    FileSystemStateStore files = new FileSystemStateStore(dir.resolve("state"));
    Alchemy.builder().app(app).stage("dev").baseDir(dir).stateStore(files).build()
        .run(files("v1"));
    StateMigration.Copied copied = StateMigration.copyStage(files, store(), app, "dev", false,
        Duration.ZERO);
    assertThat(copied.resources()).isEqualTo(2);
    assertThat(copied.scopes()).isEqualTo(1);
    try (StageState from = files.open(app, "dev", AccessMode.READ);
        StageState to = store().open(app, "dev", AccessMode.READ)) {
      assertThat(to.resources()).isEqualTo(from.resources());
      assertThat(to.scopes()).isEqualTo(from.scopes());
    }
    // The next run on PostgreSQL finds everything in place.
    assertThat(alchemy(store()).build().run(files("v1")).unchanged()).isEqualTo(2);
    // A second copy would overwrite: refused unless asked for.
    assertThatThrownBy(() -> StateMigration.copyStage(files, store(), app, "dev", false,
        Duration.ZERO))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("already has state in table alchemy.records at " + url()
            + " (2 resource record(s), 1 scope record(s)). Nothing was copied.");
    try (StageState state = store().open(app, "dev", AccessMode.WRITE)) {
      state.putScope(new ScopeRecord(1, "extra", Map.of("k", TextNode.valueOf("v"))));
    }
    StateMigration.Copied again = StateMigration.copyStage(files, store(), app, "dev", true,
        Duration.ZERO);
    assertThat(again.removed()).isEqualTo(1);
    try (StageState to = store().open(app, "dev", AccessMode.READ)) {
      assertThat(to.scopes()).containsOnlyKeys("");
    }
    assertThat(Files.exists(dir.resolve("README.txt"))).isTrue();
  }

  private long rowsOf(String table) throws SQLException {
    try (Connection c = admin(); PreparedStatement q = c.prepareStatement(
        "SELECT count(*) FROM " + table + " WHERE app = ?")) {
      q.setString(1, app);
      try (ResultSet rows = q.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
