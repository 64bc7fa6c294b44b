package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.MissingCredentialsException;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StateLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's messages name no tool's command line: each fix is worded by the run's {@link Hints},
 * the Java API's by default, whatever runs Alchemy otherwise (the Maven plugin's {@code -D}
 * properties).
 */
class HintsTest {

  /** Says which hint was asked for, so each message shows where its wording came from. */
  private static final Hints TOOL = new Hints() {
    @Override public String adopt() {
      return "<adopt hint>";
    }

    @Override public String local() {
      return "<local hint>";
    }

    @Override public String app() {
      return "<app hint>";
    }

    @Override public String stage() {
      return "<stage hint>";
    }

    @Override public String password() {
      return "<password hint>";
    }

    @Override public String lockTimeout() {
      return "<lock timeout hint>";
    }

    @Override public String unlock(String app, String stage, String lockId) {
      return "<unlock " + app + " " + stage + " " + lockId + ">";
    }

    @Override public String overwrite() {
      return "<overwrite hint>";
    }

    @Override public String credentials(Class<?> kind) {
      return "<credentials " + kind.getSimpleName() + ">";
    }

    @Override public String install(String module) {
      return "<install " + module + ">";
    }
  };

  @TempDir Path dir;

  private Alchemy.Builder run() {
    return Alchemy.builder().hints(TOOL).app("my-app").stage("dev")
        .stateDir(dir.resolve("state")).baseDir(dir);
  }

  @Test
  void invalidNamesSayHowToSetThem() {
    assertThatThrownBy(() -> Alchemy.builder().hints(TOOL).app("a/b").build())
        .hasMessageContaining("Set another app name (<app hint>)");
    assertThatThrownBy(() -> Alchemy.builder().hints(TOOL).app("ok").stage("../x").build())
        .hasMessageContaining("Set another stage (<stage hint>)");
  }

  @Test
  void aConflictSaysHowToTurnAdoptionOn() throws Exception {
    Files.writeString(dir.resolve("made-by-hand.txt"), "mine");
    assertThatThrownBy(() -> run().build().run(stage ->
        TextFile.declare(stage, "file", TextFile.props("made-by-hand.txt", "new"))))
        .hasMessageContaining("run again with adoption on (<adopt hint>, or"
            + " ScopeOptions.adopt(true) for its scope)")
        .hasMessageNotContaining("-D");
  }

  @Test
  void aLocalServerOutsideLocalModeSaysHowToRunLocally() {
    assertThatThrownBy(() -> run().build().run(stage ->
        stage.localServer(PostgresCredentials.class)))
        .hasMessageContaining("only when scope.local() is true (<local hint>)");
  }

  @Test
  void aSecretWithoutPasswordSaysWhereOneComesFrom() {
    assertThatThrownBy(() -> run().password(null).build().run(stage ->
        stage.set("token", Secret.of("s3cr3t-value"))))
        .hasMessageContaining("Set the app password (<password hint>)")
        .hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  void missingCredentialsAndHeldLocksAreWordedForTheCaller() {
    assertThat(new MissingCredentialsException(AwsCredentials.class, Hints.api()).withHints(TOOL))
        .hasMessage("No AwsCredentials credentials are configured for this scope. Give them to"
            + " the run (<credentials AwsCredentials>), or to one scope with"
            + " ScopeOptions.credential(...).");
    LockInfo holder = LockInfo.forThisProcess();
    StateLockedException locked = new StateLockedException("my-app/prod", holder, "lock table",
        "Its session ends with it.", true, Duration.ZERO);
    assertThat(locked).hasMessageContaining("Alchemy.builder().lockTimeout(Duration.ofMinutes(10))")
        .hasMessageEndingWith("StateStore.forceUnlock(\"my-app\", \"prod\", \""
            + holder.lockId() + "\")");
    assertThat(locked.withHints(TOOL))
        .hasMessageContaining("set a lockTimeout (<lock timeout hint>) so that runs of one stage"
            + " queue and proceed in turn. Its session ends with it. If that run crashed, release"
            + " its lock with: <unlock my-app prod " + holder.lockId() + ">")
        .satisfies(e -> assertThat(e.getStackTrace()).isEqualTo(locked.getStackTrace()));
    assertThat(locked.afterWaiting(Duration.ofSeconds(90)).withHints(TOOL))
        .hasMessageContaining("This run waited 1m 30s for it.");
  }
}
