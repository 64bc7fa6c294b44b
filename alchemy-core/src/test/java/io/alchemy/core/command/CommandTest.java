package io.alchemy.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.PrintStreamListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.Stages;
import io.alchemy.core.random.RandomString;
import io.alchemy.core.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (sh) and real randomness; secrets checked in output and state. */
class CommandTest {

  private static final String TOKEN = "cmd-secret-4242";

  @TempDir Path dir;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private RunResult up(InfrastructureDefinition definition) {
    return new Stages(dir).builder().password(Secret.of("pw"))
        .listener(new PrintStreamListener(new PrintStream(log, true, StandardCharsets.UTF_8)))
        .build().run(definition);
  }

  private InfrastructureDefinition marker(String version) {
    return stage -> {
      Command.Output out = Command.declare(stage, "marker", Command.props(
              "sh", "-c", "echo $VERSION > marker.txt && echo token=$TOKEN && echo created")
          .update("sh", "-c", "echo $VERSION > marker.txt && echo updated")
          .delete("sh", "-c", "rm marker.txt")
          .env("VERSION", version)
          .secretEnv("TOKEN", Secret.of(TOKEN))
          .build());
      stage.set("stdout", out.stdout());
    };
  }

  @Test
  void createUpdateAndDeleteRunTheirCommands() throws Exception {
    RunResult first = up(marker("v1"));
    assertThat(first.created()).isEqualTo(1);
    assertThat(dir.resolve("marker.txt")).hasContent("v1");
    assertThat(up(marker("v1")).unchanged()).isEqualTo(1);
    assertThat(up(marker("v2")).updated()).isEqualTo(1);
    assertThat(dir.resolve("marker.txt")).hasContent("v2");
    new Stages(dir).builder().password(Secret.of("pw")).phase(Phase.DESTROY).build()
        .run(stage -> { });
    assertThat(dir.resolve("marker.txt")).doesNotExist();
  }

  @Test
  void theOutputIsTrimmedStdoutWithSecretsMasked() throws Exception {
    List<String> outputs = new ArrayList<>();
    up(stage -> outputs.add(Command.declare(stage, "echo", Command.props(
        "sh", "-c", "echo '  token='$TOKEN'  '").secretEnv("TOKEN", Secret.of(TOKEN)).build())
        .stdout()));
    assertThat(outputs).containsExactly("token=****");
    String state = new Stages(dir).snapshotOfState();
    assertThat(state).doesNotContain(TOKEN);
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN);
  }

  /** Deploys a command that prints its environment, in a JVM whose ALCHEMY_PASSWORD is set. */
  public static final class PrintsItsEnvironment {
    public static void main(String[] args) {
      new Stages(Path.of(args[0])).up(stage -> Command.declare(stage, "env", Command.props(
          "sh", "-c", "env; if [ -n \"$ALCHEMY_PASSWORD\" ]; then exit 3; fi; echo clean")
          .build()));
    }
  }

  @Test
  void commandsNeverInheritTheAppPassword() throws Exception {
    String appPassword = "app-password-from-env-5150";
    ProcessBuilder child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        PrintsItsEnvironment.class.getName(), dir.toString()).redirectErrorStream(true);
    child.environment().put("ALCHEMY_PASSWORD", appPassword);
    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    String state = new Stages(dir).snapshotOfState();
    assertThat(state).contains("clean").doesNotContain(appPassword);
  }

  @Test
  void alchemysOwnPasswordsAreMaskedInWhatACommandPrints() throws Exception {
    String appPassword = "app-password-in-a-file-8086";
    Files.writeString(dir.resolve("leak.txt"), "password=" + appPassword);
    List<String> outputs = new ArrayList<>();
    new Stages(dir).builder().password(Secret.of(appPassword))
        .listener(new PrintStreamListener(new PrintStream(log, true, StandardCharsets.UTF_8)))
        .build().run(stage -> outputs.add(Command.declare(stage, "cat",
            Command.props("cat", "leak.txt").build()).stdout()));
    assertThat(outputs).containsExactly("password=****");
    assertThat(new Stages(dir).snapshotOfState()).doesNotContain(appPassword);

    assertThatThrownBy(() -> new Stages(dir).builder().password(Secret.of(appPassword)).build()
        .run(stage -> Command.declare(stage, "failing",
            Command.props("sh", "-c", "cat leak.txt; exit 1").build())))
        .hasMessageContaining("password=****")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(appPassword));
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(appPassword);
  }

  @Test
  void aNonZeroExitFailsWithTheLastLinesAndNoSecret() {
    assertThatThrownBy(() -> up(stage -> Command.declare(stage, "broken", Command.props(
        "sh", "-c", "echo starting; echo using $TOKEN; echo 'disk full' >&2; exit 3")
        .secretEnv("TOKEN", Secret.of(TOKEN)).build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/broken (command::Command) failed while"
            + " creating: the create command sh exited with 3; its last lines of output:")
        .hasMessageContaining("using ****")
        .hasMessageContaining("disk full")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void withoutAnUpdateCommandAChangeReplaces() throws Exception {
    InfrastructureDefinition v1 = stage -> Command.declare(stage, "file",
        Command.props("touch", "a.txt").delete("rm", "a.txt").build());
    InfrastructureDefinition v2 = stage -> Command.declare(stage, "file",
        Command.props("touch", "b.txt").delete("rm", "b.txt").build());
    up(v1);
    RunResult replaced = up(v2);
    assertThat(replaced.replaced()).isEqualTo(1);
    assertThat(replaced.deleted()).isEqualTo(1);
    assertThat(dir.resolve("a.txt")).doesNotExist();
    assertThat(dir.resolve("b.txt")).exists();
  }

  @Test
  void aMissingProgramIsAClearError() {
    assertThatThrownBy(() -> up(stage -> Command.declare(stage, "x",
        Command.props("no-such-program-here").build())))
        .hasMessageContaining("cannot start the create command no-such-program-here in " + dir);
  }

  @Test
  void aCommandThatHangsIsStopped() {
    assertThatThrownBy(() -> up(stage -> Command.declare(stage, "slow",
        Command.props("sleep", "30").timeout(java.time.Duration.ofSeconds(1)).build())))
        .hasMessageContaining("did not finish in PT1S and was stopped");
  }

  @Test
  void aRandomStringIsStableEncryptedAndRegeneratedOnlyWhenPropsChange() throws Exception {
    List<String> values = new ArrayList<>();
    InfrastructureDefinition sixteen = stage ->
        values.add(RandomString.declare(stage, "pw", RandomString.props(16)).value().reveal());
    up(sixteen);
    up(sixteen);
    up(stage -> values.add(
        RandomString.declare(stage, "pw", RandomString.props(24, "abc")).value().reveal()));
    assertThat(values.get(0)).hasSize(16).matches("[A-Za-z0-9]+").isEqualTo(values.get(1));
    assertThat(values.get(2)).hasSize(24).matches("[abc]+");
    assertThat(new Stages(dir).snapshotOfState()).doesNotContain(values.get(2));
    assertThat(Files.exists(dir)).isTrue();
  }

  @Test
  void aRandomStringNeedsAPasswordBeforeAnythingIsWrittenOrGenerated() throws Exception {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.builder().password(null).build()
        .run(stage -> RandomString.declare(stage, "pw", RandomString.props(8))))
        .hasMessageContaining("The output of resource my-app/dev/pw holds a secret, but no"
            + " password is configured");
    // No creating record: the provider was never called.
    assertThat(stages.snapshotOfState()).isEmpty();
  }
}
