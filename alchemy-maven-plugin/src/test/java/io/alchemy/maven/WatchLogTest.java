package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionException;
import io.alchemy.core.watch.Redeployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log lines of watch mode, which users read and the watch ITs grep for: the goal's name first,
 * failures worded as the goal run once would word them.
 */
class WatchLogTest {

  private final RecordingLog log = new RecordingLog(false);

  private WatchLog watchLog(String goal) {
    GoalSettings settings = new GoalSettings(goal, "my-app", "<app>", "dev", "the default (dev)",
        Path.of("/p/target/alchemy/state"), null, "<definition>", Path.of("/p"), null, null,
        GoalSettings.fileSystemNote(Path.of("/p/target/alchemy/state")), null, null);
    return new WatchLog(new MavenGoalLog(log), settings, new FailureTranslator(settings)::message);
  }

  private static RunResult updatedOne() {
    return new RunResult("my-app", "dev", Phase.UP, List.of(new ResourceReport("my-app/dev/page",
        "fs::TextFile", ResourceAction.UPDATE, Duration.ofMillis(2), false)), Duration.ofMillis(9));
  }

  @Test
  void deploymentsWatchingAndTheEndOfDev() {
    WatchLog dev = watchLog("dev");
    dev.redeployed(new Redeployment(true, 0, "com.example.Infra", updatedOne(),
        Duration.ofMillis(120), Duration.ZERO, Duration.ofMillis(120)));
    dev.watching(List.of(Path.of("/p/src/main/java"), Path.of("/p/target/classes"),
        Path.of("/elsewhere/res")));
    dev.compiled(List.of(Path.of("/p/src/main/java/com/example/Infra.java")),
        Duration.ofMillis(75));
    dev.redeployed(new Redeployment(false, 1, "com.example.Infra", updatedOne(),
        Duration.ofMillis(283), Duration.ofMillis(75), Duration.ofMillis(6)));
    dev.classesRemoved(List.of(Path.of("/p/src/main/java/com/example/Extra.java")),
        List.of(Path.of("/p/target/classes/com/example/Extra.class")));
    dev.ended(2, true);
    assertThat(log.lines).containsExactly(
        "INFO alchemy:dev my-app/dev redeployed (first deploy) with com.example.Infra: 0 created,"
            + " 1 updated, 0 replaced, 0 deleted, 0 unchanged; in 120 ms",
        "INFO alchemy:dev watching src/main/java, target/classes, /elsewhere/res (Ctrl-C to stop)",
        "INFO alchemy:dev compiled 1 changed source file in 75 ms",
        "INFO alchemy:dev my-app/dev redeployed (1 changed file) with com.example.Infra: 0 created,"
            + " 1 updated, 0 replaced, 0 deleted, 0 unchanged; 283 ms from the edit to redeployed"
            + " (compile 75 ms, load and run 6 ms)",
        "INFO alchemy:dev removed 1 class file of deleted src/main/java/com/example/Extra.java",
        "INFO alchemy:dev stopped; closing the session");
    assertThat(dev.lastResult().updated()).isEqualTo(1);
  }

  @Test
  void failuresKeepWatchingAndNameTheGoal() {
    WatchLog up = watchLog("up");
    up.compileFailed(List.of("/p/src/main/java/com/example/Infra.java:12: ';' expected"));
    up.runFailed(new DeploymentFailedException("my-app/dev", "Scope my-app/dev failed: boom.",
        new IllegalStateException("boom"), updatedOne()), null);
    up.runFailed(new DefinitionException(DefinitionException.Problem.CONSTRUCTION_FAILED,
        "com.example.Infra", List.of(), "Definition class com.example.Infra was found but could"
            + " not be created.", null), "com/example/Helper.java was deleted ...");
    up.ended(3, false);
    assertThat(log.lines).containsExactly(
        "ERROR alchemy:up: compilation failed, 1 error; the previous deployment stays as it is."
            + " Fix it and save again.",
        "ERROR /p/src/main/java/com/example/Infra.java:12: ';' expected",
        "INFO alchemy:up my-app/dev before it failed: 0 created, 1 updated, 0 replaced, 0 deleted,"
            + " 0 unchanged",
        "ERROR alchemy:up: alchemy:up of my-app/dev failed. Scope my-app/dev failed: boom.",
        "ERROR alchemy:up keeps watching; the previous deployment stays as it is.",
        "ERROR alchemy:up: Definition class com.example.Infra was found but could not be created.",
        "ERROR alchemy:up: com/example/Helper.java was deleted ...",
        "ERROR alchemy:up keeps watching; the previous deployment stays as it is.",
        "INFO alchemy:up ends after 3 runs (alchemy.watch.maxRuns)");
    assertThat(up.lastResult()).isNull();
  }
}
