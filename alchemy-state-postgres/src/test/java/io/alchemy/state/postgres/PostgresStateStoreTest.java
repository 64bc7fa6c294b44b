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
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import io.alchemy.core.state.StateMigration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Against a real PostgreSQL server, started once for the class. */
@Timeout(60)
class PostgresStateStoreTest {

  private static EmbeddedPostgres postgres;
  private static final AtomicInteger APPS = new AtomicInteger();

  @TempDir Path dir;

  /** Each test has its own app, so tests share one server and one schema without meeting. */
  private final String app = "app" + APPS.incrementAndGet();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static String url() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  private static PostgresStateStore store() {
    return store(null);
  }

  private static PostgresStateStore store(String schema) {
    return new PostgresStateStore(new PostgresStateConfig(url(), "postgres", null, schema));
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(url(), "postgres", "");
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
              + " again, or set a lockTimeout (-Dalchemy.lockTimeout=PT10M) so that runs of one"
              + " stage queue and proceed in turn. A crashed run's lock goes with its database"
              + " session; if that run hangs or its session lingers, end it. If that run crashed,"
              + " release its lock with: mvn alchemy:unlock -Dalchemy.stage=dev -Dalchemy.lockId="
              + info.lockId())
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
  void aWaitingRunProceedsWhenTheHolderCloses() throws Exception {
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      StageState holder = store().open(app, "dev", AccessMode.WRITE);
      holder.put(record("a", 1));
      CountDownLatch asked = new CountDownLatch(1);
      Future<List<String>> waiter = threads.submit(() -> {
        asked.countDown();
        try (StageState next = store().open(app, "dev", AccessMode.WRITE, Duration.ofSeconds(20))) {
          next.put(record("b", 2));
          return List.copyOf(next.resources().keySet());
        }
      });
      asked.await();
      Thread.sleep(300);
      assertThat(waiter.isDone()).isFalse();
      long released = System.nanoTime();
      holder.close();
      // It saw the holder's write: it ran after it, not beside it.
      assertThat(waiter.get(10, TimeUnit.SECONDS)).containsExactly("a");
      System.out.printf("postgres: a waiting run proceeded %d ms after the holder released%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released));
    } finally {
      threads.shutdownNow();
    }
    try (StageState state = store().open(app, "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("a", "b");
    }
  }

  @Test
  void aWaitingRunGivesUpAfterItsTimeout() throws Exception {
    try (StageState holder = store().open(app, "dev", AccessMode.WRITE)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store().open(app, "dev", AccessMode.WRITE, Duration.ofMillis(400)))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining("This run waited 400 ms for it.")
          .hasMessageContaining(holder.lock().orElseThrow().lockId());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(350), Duration.ofSeconds(5));
      assertThat(rowsOf("alchemy.stage_locks")).isEqualTo(1);
    }
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
  void stagesSharingTheTableNeverBlockEachOther() throws Exception {
    try (StageState dev = store().open(app, "dev", AccessMode.WRITE)) {
      try (StageState prod = store().open(app, "prod", AccessMode.WRITE);
          StageState otherApp = store().open(app + "x", "dev", AccessMode.WRITE)) {
        prod.put(record("p", 1));
        otherApp.put(record("o", 1));
        dev.put(record("d", 1));
      }
      // Another schema in the same database is another namespace of locks.
      store("alchemy_other").open(app, "dev", AccessMode.WRITE).close();
    }
    try (StageState dev = store().open(app, "dev", AccessMode.READ);
        StageState prod = store().open(app, "prod", AccessMode.READ)) {
      assertThat(dev.resources()).containsOnlyKeys("d");
      assertThat(prod.resources()).containsOnlyKeys("p");
    }
  }

  @Test
  void aReaderNeedsNoLockAndCreatesNothing() throws Exception {
    try (StageState holder = store().open(app, "dev", AccessMode.WRITE)) {
      holder.put(record("a", 1));
      try (StageState reader = store().open(app, "dev", AccessMode.READ)) {
        assertThat(reader.resources()).containsOnlyKeys("a");
        assertThat(reader.lock()).isEmpty();
        assertThatThrownBy(() -> reader.put(record("b", 2)))
            .isInstanceOf(IllegalStateException.class);
      }
    }
    try (StageState reader = store("alchemy_never").open(app, "dev", AccessMode.READ)) {
      assertThat(reader.resources()).isEmpty();
    }
    try (Connection c = admin(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(
            "SELECT 1 FROM pg_namespace WHERE nspname = 'alchemy_never'")) {
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void aKilledHoldersLockIsFreeAtOnceAndItsWritesFail() throws Exception {
    StageState killed = store().open(app, "dev", AccessMode.WRITE);
    killed.put(record("a", 1));
    terminateSessionOf(killed.lock().orElseThrow());
    // Its row is left behind, but it names nobody: the session that held the lock is gone.
    assertThat(rowsOf("alchemy.stage_locks")).isEqualTo(1);
    assertThat(store().lockHolder(app, "dev")).isEmpty();
    try (StageState next = store().open(app, "dev", AccessMode.WRITE)) {
      assertThat(next.resources()).containsOnlyKeys("a");
      assertThat(store().lockHolder(app, "dev")).isEqualTo(next.lock());
      assertThatThrownBy(() -> killed.put(record("b", 2)))
          .isInstanceOf(StateException.class)
          .hasMessageStartingWith("The lock of stage " + app + "/dev was lost: the database"
              + " session that held it ended (");
      killed.close();
      // The old holder's release did not touch the new holder's lock.
      assertThat(store().lockHolder(app, "dev")).isEqualTo(next.lock());
    }
    try (StageState state = store().open(app, "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("a");
    }
  }

  @Test
  void forceUnlockNeedsTheHoldersLockId() throws Exception {
    StageState stuck = store().open(app, "dev", AccessMode.WRITE);
    LockInfo info = stuck.lock().orElseThrow();
    assertThatThrownBy(() -> store().forceUnlock(app, "dev", "not-the-id"))
        .isInstanceOf(StateException.class)
        .hasMessage("Lock id not-the-id is not the lock on stage " + app + "/dev, which is "
            + info.describe() + " (lock table alchemy.stage_locks at " + url() + "). Nothing was"
            + " unlocked. Check the lock id; the lock may have changed hands since.");
    assertThat(store().lockHolder(app, "dev")).contains(info);

    store().forceUnlock(app, "dev", info.lockId());
    assertThat(store().lockHolder(app, "dev")).isEmpty();
    assertThat(rowsOf("alchemy.stage_locks")).isZero();
    try (StageState next = store().open(app, "dev", AccessMode.WRITE)) {
      assertThatThrownBy(() -> stuck.put(record("late", 9)))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("was lost");
      stuck.close();
      assertThat(store().lockHolder(app, "dev")).isEqualTo(next.lock());
    }
    assertThatThrownBy(() -> store().forceUnlock(app, "dev", info.lockId()))
        .isInstanceOf(StateException.class)
        .hasMessage("Stage " + app + "/dev is not locked (lock table alchemy.stage_locks at "
            + url() + "), so there is nothing to unlock. Run again.");
  }

  @Test
  void aCorruptRowIsNamedAndLeftAsItIs() throws Exception {
    try (StageState state = store().open(app, "dev", AccessMode.WRITE)) {
      state.put(record("good", 1));
    }
    String broken = "{\"formatVersion\": 1, \"scope\": \"\", \"id\": ";
    try (Connection c = admin(); PreparedStatement insert = c.prepareStatement(
        "INSERT INTO alchemy.records (app, stage, kind, key, body)"
            + " VALUES (?, 'dev', 'resource', 'bad', ?)")) {
      insert.setString(1, app);
      insert.setString(2, broken);
      insert.executeUpdate();
    }
    assertThatThrownBy(() -> store().open(app, "dev", AccessMode.WRITE))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageStartingWith("The resource record 'bad' of stage " + app + "/dev in table"
            + " alchemy.records at " + url() + " is corrupt: it is not valid JSON (")
        .hasMessageEndingWith("Alchemy changed nothing and left it as it is. Restore the row"
            + " (app = '" + app + "', stage = 'dev', kind = 'resource', key = 'bad') from a backup"
            + " or fix its body by hand, then run again.");
    assertThatThrownBy(() -> store().open(app, "dev", AccessMode.READ))
        .isInstanceOf(CorruptStateException.class);
    assertThat(store().lockHolder(app, "dev")).isEmpty();
    assertThat(rowsOf("alchemy.stage_locks")).isZero();
    try (Connection c = admin(); PreparedStatement q = c.prepareStatement(
        "SELECT key, body FROM alchemy.records WHERE app = ? ORDER BY key")) {
      q.setString(1, app);
      try (ResultSet rows = q.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(2)).isEqualTo(broken);
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("good");
      }
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

  private void terminateSessionOf(LockInfo lock) throws SQLException {
    try (Connection c = admin(); PreparedStatement kill = c.prepareStatement(
        "SELECT pg_terminate_backend(backend_pid) FROM alchemy.stage_locks WHERE lock_id = ?")) {
      kill.setString(1, lock.lockId());
      kill.execute();
    }
    // The server drops the session's locks as the process exits.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (store().lockHolder(app, "dev").isPresent() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
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
