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

  /** Each release deletes the lock file (the stage keeps no state) while the other waits. */
  @Test
  void racingProcessesProceedOneAtATimeWhileLockFilesAreDeleted() throws Exception {
    int rounds = 25;
    Path counter = dir.resolve("counter.txt");
    List<Process> racers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      racers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          CounterRacer.class.getName(), dir.resolve("state").toString(),
          String.valueOf(rounds), counter.toString()).inheritIO().start());
    }
    for (Process racer : racers) {
      assertThat(racer.waitFor(50, TimeUnit.SECONDS)).isTrue();
      assertThat(racer.exitValue()).isZero();
    }
    assertThat(Files.readString(counter)).isEqualTo(String.valueOf(2 * rounds));
    // Nothing is left of a stage without state: no lock file, no app folder.
    assertThat(dir.resolve("state").resolve("app")).doesNotExist();
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
}
