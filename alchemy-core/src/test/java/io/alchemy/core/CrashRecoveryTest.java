package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.StageState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash leaves a trace in state; the next run reconciles it and forgets nothing. */
class CrashRecoveryTest {

  @TempDir Path dir;

  @Test
  void aFailedCreateIsRecordedAndRetriedByTheNextRun() {
    Stages stages = new Stages(dir);
    CountingProvider things = new CountingProvider();
    assertThatThrownBy(() -> stages.up(stage ->
        stage.resource("x", things, new CountingProvider.Props("x", "v", true))))
        .isInstanceOf(DeploymentFailedException.class);
    try (StageState state = new FileSystemStateStore(stages.stateDir())
        .open("my-app", "dev", AccessMode.READ)) {
      assertThat(state.resources().get("x").status()).isEqualTo(ResourceStatus.CREATING);
    }
    things.calls.clear();
    RunResult result = stages.up(stage ->
        stage.resource("x", things, new CountingProvider.Props("x", "v")));
    assertThat(things.calls).containsExactly("create x");
    assertThat(result.created()).isEqualTo(1);
  }

  @Test
  void aFailedCreateThatLeftTheCodeIsDeletedWithoutOutput() {
    Stages stages = new Stages(dir);
    CountingProvider things = new CountingProvider();
    assertThatThrownBy(() -> stages.up(stage ->
        stage.resource("x", things, new CountingProvider.Props("x", "v", true))))
        .isInstanceOf(DeploymentFailedException.class);
    things.calls.clear();
    stages.up(stage -> stage.resource("other", things, new CountingProvider.Props("o", "v")));
    assertThat(things.calls).containsExactly("create o", "delete x");
  }

  @Test
  void aFailedUpdateIsRetriedEvenWhenTheCodeWentBackToTheOldProps() {
    Stages stages = new Stages(dir);
    CountingProvider things = new CountingProvider();
    stages.up(stage -> stage.resource("x", things, new CountingProvider.Props("x", "v1")));
    CountingProvider failing = new CountingProvider() {
      @Override
      public Output update(ResourceContext c, Props o, Props n, Output out) {
        throw new IllegalStateException("network down");
      }
    };
    assertThatThrownBy(() -> stages.up(stage ->
        stage.resource("x", failing, new CountingProvider.Props("x", "v2"))))
        .hasMessageContaining("network down");
    things.calls.clear();
    stages.up(stage -> stage.resource("x", things, new CountingProvider.Props("x", "v1")));
    assertThat(things.calls).containsExactly("update x");
  }

  /** A real process, killed in the middle of a deploy, by halting the JVM inside a provider. */
  @Test
  void aKilledProcessForgetsNothing() throws Exception {
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        KilledDeploy.class.getName(), dir.toString(), "50", "30")
        .redirectErrorStream(true)
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(137);

    Stages stages = new Stages(dir);
    // The files written before the kill are recorded; the one being written is marked creating.
    try (StageState state = new FileSystemStateStore(stages.stateDir())
        .open("my-app", "dev", AccessMode.READ)) {
      assertThat(state.resources().size()).isEqualTo(31);
      assertThat(state.resources().get("f29").status()).isEqualTo(ResourceStatus.CREATED);
      assertThat(state.resources().get("f30").status()).isEqualTo(ResourceStatus.CREATING);
    }
    RunResult result = stages.up(KilledDeploy.definition(50, -1));
    assertThat(result.created()).isEqualTo(20);
    assertThat(result.unchanged()).isEqualTo(30);
    for (int i = 0; i < 50; i++) {
      assertThat(stages.file("files/f" + i + ".txt")).hasContent("content " + i);
    }
    // And with the code shrunk to 10 files, the 40 others are deleted: none was forgotten.
    stages.up(KilledDeploy.definition(10, -1));
    try (var files = Files.list(stages.file("files"))) {
      assertThat(files.count()).isEqualTo(10);
    }
  }

  /** Deploys N files and halts the JVM, as a kill -9 would, while creating file K. */
  public static final class KilledDeploy {
    public static void main(String[] args) {
      Path dir = Path.of(args[0]);
      new Stages(dir).up(definition(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    }

    static InfrastructureDefinition definition(int count, int haltAt) {
      // Delegates to the real TextFile, so state records the real type and output.
      ResourceProvider<TextFile.Props, TextFile.Output> halting = new ResourceProvider<>() {
        @Override
        public String type() {
          return TextFile.TYPE;
        }

        @Override
        public Class<TextFile.Props> propsType() {
          return TextFile.Props.class;
        }

        @Override
        public Class<TextFile.Output> outputType() {
          return TextFile.Output.class;
        }

        @Override
        public TextFile.Output create(ResourceContext context, TextFile.Props props)
            throws Exception {
          if (props.path().equals("files/f" + haltAt + ".txt")) {
            Runtime.getRuntime().halt(137);
          }
          return TextFile.provider().create(context, props);
        }

        @Override
        public TextFile.Output update(ResourceContext context, TextFile.Props oldProps,
            TextFile.Props newProps, TextFile.Output oldOutput) throws Exception {
          return TextFile.provider().update(context, oldProps, newProps, oldOutput);
        }

        @Override
        public void delete(ResourceContext context, TextFile.Props props, TextFile.Output output)
            throws Exception {
          TextFile.provider().delete(context, props, output);
        }
      };
      return stage -> {
        for (int i = 0; i < count; i++) {
          stage.resource("f" + i, halting,
              TextFile.props("files/f" + i + ".txt", "content " + i));
        }
      };
    }

    private KilledDeploy() {}
  }
}
