package io.alchemy.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.alchemy.core.Alchemy;
import io.alchemy.core.RunResult;
import io.alchemy.core.fs.TextFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Waiting, holders, force-unlock and races of the filesystem store's stage lock. */
@Timeout(60)
class FileSystemLockingTest {

  @TempDir Path dir;

  private FileSystemStateStore store() {
    return new FileSystemStateStore(dir.resolve("state"));
  }

  private static ResourceRecord record(String id, long seq) {
    return new ResourceRecord(ResourceRecord.FORMAT_VERSION, "", id, "app/dev/" + id, "t::T", seq,
        ResourceStatus.CREATED, TextNode.valueOf("p" + id), TextNode.valueOf("o" + id), null, null);
  }

  @Test
  void aWaitingRunProceedsWhenTheHolderCloses() throws Exception {
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      StageState holder = store().open("app", "dev", AccessMode.WRITE);
      holder.put(record("a", 1));
      CountDownLatch asked = new CountDownLatch(1);
      Future<List<String>> waiter = threads.submit(() -> {
        asked.countDown();
        try (StageState next = store().open("app", "dev", AccessMode.WRITE,
            Duration.ofSeconds(20))) {
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
      System.out.printf("filesystem: a waiting run proceeded %d ms after the holder released%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released));
    } finally {
      threads.shutdownNow();
    }
    try (StageState state = store().open("app", "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("a", "b");
    }
  }

  @Test
  void aWaitingRunGivesUpAfterItsTimeoutNamingTheHolder() {
    try (StageState holder = store().open("app", "dev", AccessMode.WRITE)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store().open("app", "dev", AccessMode.WRITE,
          Duration.ofMillis(300)))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining(holder.lock().orElseThrow().describe())
          .hasMessageContaining("This run waited 300 ms for it.");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    }
  }

  @Test
  void anAlchemyRunWaitsForTheLockWithItsLockTimeout() throws Exception {
    StageState holder = store().open("my-app", "dev", AccessMode.WRITE);
    Alchemy.Builder builder = Alchemy.builder().app("my-app").stage("dev").baseDir(dir)
        .stateStore(store());
    assertThatThrownBy(() -> builder.build().run(stage -> TextFile.declare(stage, "f",
        TextFile.props("f.txt", "x"))))
        .isInstanceOf(StateLockedException.class)
        .hasMessageContaining("This run did not wait for it (lockTimeout is 0).");
    assertThat(dir.resolve("f.txt")).doesNotExist();
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      Future<RunResult> run = threads.submit(() -> builder.lockTimeout(Duration.ofSeconds(20))
          .build().run(stage -> TextFile.declare(stage, "f", TextFile.props("f.txt", "x"))));
      Thread.sleep(200);
      assertThat(run.isDone()).isFalse();
      holder.close();
      assertThat(run.get(10, TimeUnit.SECONDS).created()).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
    assertThatThrownBy(() -> builder.lockTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lockTimeout PT-1S is negative. Set it to 0 to fail at once when the stage is"
            + " locked, or to how long a run may wait, e.g. PT10M.");
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
            try (StageState state = store().open("app", "dev", AccessMode.WRITE,
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
    assertThat(CounterRacer.read(store())).isEqualTo(threads * (rounds / threads));
  }

  @Test
  void racingProcessesProceedOneAtATime() throws Exception {
    int rounds = 25;
    List<Process> racers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      racers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          CounterRacer.class.getName(), dir.resolve("state").toString(),
          String.valueOf(rounds)).inheritIO().start());
    }
    for (Process racer : racers) {
      assertThat(racer.waitFor(50, TimeUnit.SECONDS)).isTrue();
      assertThat(racer.exitValue()).isZero();
    }
    // Every increment of both processes landed: no two ever held the stage at once.
    assertThat(CounterRacer.read(store())).isEqualTo(2L * rounds);
  }

  @Test
  void forceUnlockChecksTheIdAndNamesTheProcessToStop() {
    Path lockFile = store().lockFile("app", "dev");
    assertThatThrownBy(() -> store().forceUnlock("app", "dev", "some-id"))
        .isInstanceOf(StateException.class)
        .hasMessage("Stage app/dev is not locked (lock file " + lockFile + "), so there is"
            + " nothing to unlock. Run again.");
    try (StageState holder = store().open("app", "dev", AccessMode.WRITE)) {
      LockInfo info = holder.lock().orElseThrow();
      long pid = ProcessHandle.current().pid();
      assertThatThrownBy(() -> store().forceUnlock("app", "dev", "not-the-id"))
          .isInstanceOf(StateException.class)
          .hasMessage("Lock id not-the-id is not the lock on stage app/dev, which is "
              + info.describe() + " (lock file " + lockFile + "). Nothing was unlocked. Check"
              + " the lock id; the lock may have changed hands since.");
      assertThatThrownBy(() -> store().forceUnlock("app", "dev", info.lockId()))
          .isInstanceOf(StateException.class)
          .hasMessage("Stage app/dev is locked by " + info.describe() + " with an"
              + " operating-system lock on " + lockFile + ", which only process " + pid + " on "
              + info.host() + " can hold. It cannot be released by force and never goes stale:"
              + " it is released the moment that process ends. If that run hangs, stop process "
              + pid + " on " + info.host() + " (kill " + pid + "); do not delete the lock file,"
              + " since a run that still held it and a new run could then both proceed.");
      // Still held, and the file is still there.
      assertThat(store().lockHolder("app", "dev")).contains(info);
      assertThat(lockFile).exists();
    }
  }

  @Test
  void aLockFileLeftByADeadProcessNamesNoHolder() throws Exception {
    Path lockFile = store().lockFile("app", "dev");
    Files.createDirectories(lockFile.getParent());
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-version").start();
    gone.waitFor();
    LockInfo crashed = new LockInfo("crashed", "bob (pid " + gone.pid() + ")",
        LockInfo.localHost(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
    Files.writeString(lockFile, crashed.toJson().put("pid", gone.pid()).toString());
    assertThat(store().lockHolder("app", "dev")).isEmpty();
    try (StageState state = store().open("app", "dev", AccessMode.WRITE)) {
      assertThat(store().lockHolder("app", "dev")).isEqualTo(state.lock());
    }
  }

  @Test
  void aFailedAcquireChangesNothing() throws Exception {
    try (StageState holder = store().open("app", "dev", AccessMode.WRITE)) {
      holder.put(record("a", 1));
      Path lockFile = store().lockFile("app", "dev");
      String before = Files.readString(lockFile);
      assertThatThrownBy(() -> store().open("app", "dev", AccessMode.WRITE))
          .isInstanceOf(StateLockedException.class);
      assertThat(lockFile).hasContent(before);
      try (var files = Files.list(lockFile.getParent())) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
            .containsExactly(".dev.lock", "dev");
      }
    }
  }
}
