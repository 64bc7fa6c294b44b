package io.alchemy.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateMigrationTest {

  @TempDir Path dir;

  private FileSystemStateStore from() {
    return new FileSystemStateStore(dir.resolve("from"));
  }

  private FileSystemStateStore to() {
    return new FileSystemStateStore(dir.resolve("to"));
  }

  private Alchemy.Builder alchemy(StateStore store) {
    return Alchemy.builder().app("my-app").stage("prod").baseDir(dir).stateStore(store)
        .password(Secret.of("app-password"));
  }

  private void deploy(StateStore store, String content) {
    alchemy(store).build().run(stage -> {
      TextFile.declare(stage, "readme", TextFile.props("README.txt", content));
      stage.set("token", stage.secret("s3cr3t"));
      stage.run("docs", docs -> TextFile.declare(docs, "guide",
          TextFile.props("docs/guide.txt", content)));
    });
  }

  @Test
  void aStageIsCopiedVerbatimAndTheNextRunChangesNothing() throws Exception {
    deploy(from(), "v1");
    StateMigration.Copied copied = StateMigration.copyStage(from(), to(), "my-app", "prod",
        false, Duration.ZERO);
    assertThat(copied).isEqualTo(new StateMigration.Copied(2, 1, 0,
        from().stageDir("my-app", "prod").toString(), to().stageDir("my-app", "prod").toString()));
    assertThat(copied.summary()).isEqualTo("copied 2 resource record(s) and 1 scope record(s) from "
        + from().stageDir("my-app", "prod") + " to " + to().stageDir("my-app", "prod"));
    try (StageState source = from().open("my-app", "prod", AccessMode.READ);
        StageState target = to().open("my-app", "prod", AccessMode.READ)) {
      assertThat(target.resources()).isEqualTo(source.resources());
      assertThat(target.scopes()).isEqualTo(source.scopes());
      // The secret stays sealed: copied as the encrypted value, never opened.
      assertThat(target.scopes().get("").values().get("token").toString())
          .doesNotContain("s3cr3t");
    }
    assertThat(alchemy(to()).build().run(stage -> {
      TextFile.declare(stage, "readme", TextFile.props("README.txt", "v1"));
      stage.set("token", stage.secret("s3cr3t"));
      stage.run("docs", docs -> TextFile.declare(docs, "guide",
          TextFile.props("docs/guide.txt", "v1")));
    }).unchanged()).isEqualTo(2);
  }

  @Test
  void aTargetWithStateIsRefusedUnlessOverwriting() throws Exception {
    deploy(from(), "v1");
    try (StageState target = to().open("my-app", "prod", AccessMode.WRITE)) {
      target.putScope(new ScopeRecord(1, "old", Map.of()));
    }
    Path targetDir = to().stageDir("my-app", "prod");
    String before = java.nio.file.Files.readString(targetDir.resolve("state.json"));
    assertThatThrownBy(() -> StateMigration.copyStage(from(), to(), "my-app", "prod", false,
        Duration.ZERO))
        .isInstanceOf(MigrationRefusedException.class)
        .hasMessage("Stage my-app/prod already has state in " + targetDir + " (0 resource"
            + " record(s), 1 scope record(s)). Nothing was copied. To replace it with the state in "
            + from().stageDir("my-app", "prod") + ", copy again with overwrite on"
            + " (StateMigration.copyStage(..., overwrite: true, ...)).");
    assertThat(targetDir.resolve("state.json")).hasContent(before);

    StateMigration.Copied copied = StateMigration.copyStage(from(), to(), "my-app", "prod", true,
        Duration.ZERO);
    assertThat(copied.removed()).isEqualTo(1);
    try (StageState target = to().open("my-app", "prod", AccessMode.READ)) {
      assertThat(target.scopes()).containsOnlyKeys("");
      assertThat(target.resources()).containsOnlyKeys("readme", "docs/guide");
    }
  }

  @Test
  void anEmptySourceIsAnErrorAndALockedTargetIsNamed() {
    assertThatThrownBy(() -> StateMigration.copyStage(from(), to(), "my-app", "prod", false,
        Duration.ZERO))
        .isInstanceOf(MigrationRefusedException.class)
        .hasMessage("Stage my-app/prod has no state in " + from().stageDir("my-app", "prod")
            + ", so there is nothing to copy. Check the app, the stage and the source backend.");
    deploy(from(), "v1");
    try (StageState busy = to().open("my-app", "prod", AccessMode.WRITE)) {
      assertThatThrownBy(() -> StateMigration.copyStage(from(), to(), "my-app", "prod", false,
          Duration.ZERO))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining(busy.lock().orElseThrow().lockId());
    }
  }
}
