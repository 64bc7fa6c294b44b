package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run reports besides its actions: its whole time, and the state it read. */
class RunResultTest {

  @TempDir Path dir;

  private final CountingProvider things = new CountingProvider();

  private InfrastructureDefinition twoThings() {
    return stage -> {
      stage.resource("a", things, new CountingProvider.Props("a", "1"));
      stage.run("child", child -> {
        child.resource("b", things, new CountingProvider.Props("b", "2"));
        child.set("k", "v");
      });
    };
  }

  @Test
  void theDurationIncludesOpeningTheState() {
    Stages stages = new Stages(dir);
    stages.up(twoThings());
    StateStore slowToOpen = new SlowStore(new FileSystemStateStore(stages.stateDir()));
    for (Phase phase : java.util.List.of(Phase.READ, Phase.UP, Phase.DESTROY)) {
      RunResult result = stages.builder().stateStore(slowToOpen).phase(phase).build()
          .run(twoThings());
      assertThat(result.duration()).as("%s", phase).isGreaterThanOrEqualTo(SlowStore.DELAY);
    }
    // A stage with nothing to destroy says so at once, and still counts the opening.
    RunResult nothing = stages.builder().stateStore(slowToOpen).phase(Phase.DESTROY).build()
        .run(twoThings());
    assertThat(nothing.resources()).isEmpty();
    assertThat(nothing.duration()).isGreaterThanOrEqualTo(SlowStore.DELAY);
  }

  @Test
  void aRunHandsOverTheStateItRead() {
    Stages stages = new Stages(dir);
    RunResult first = stages.up(twoThings());
    assertThat(first.stateRead().resources()).isEmpty();
    assertThat(first.stateRead().location()).isEqualTo(stages.stageDir("dev").toString());

    RunResult read = stages.run(Phase.READ, twoThings());
    try (StageState state = new FileSystemStateStore(stages.stateDir())
        .open("my-app", "dev", AccessMode.READ)) {
      assertThat(read.stateRead().resources()).isEqualTo(state.resources())
          .containsOnlyKeys("a", "child/b");
      assertThat(read.stateRead().scopes()).isEqualTo(state.scopes()).containsOnlyKeys("child");
      assertThat(read.stateRead().location()).isEqualTo(state.location());
    }
  }

  /** A store whose every open takes {@link #DELAY}, as a remote one may. */
  private static final class SlowStore implements StateStore {

    static final Duration DELAY = Duration.ofMillis(300);

    private final StateStore store;

    SlowStore(StateStore store) {
      this.store = store;
    }

    @Override
    public StageState open(String app, String stage, AccessMode mode, Duration lockTimeout) {
      try {
        Thread.sleep(DELAY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return store.open(app, stage, mode, lockTimeout);
    }

    @Override
    public Optional<LockInfo> lockHolder(String app, String stage) {
      return store.lockHolder(app, stage);
    }

    @Override
    public void forceUnlock(String app, String stage, String lockId) {
      store.forceUnlock(app, stage, lockId);
    }
  }
}
