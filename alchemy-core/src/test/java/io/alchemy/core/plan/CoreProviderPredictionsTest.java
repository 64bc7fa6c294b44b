package io.alchemy.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.Stages;
import io.alchemy.core.command.Command;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.random.RandomString;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.testing.FolderHash;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predictions of the file, random and command providers: computed from the props alone,
 * exactly what up then returns where they claim to know it, and without touching anything.
 * (Spawn's are in {@code SpawnTest}.)
 */
class CoreProviderPredictionsTest {

  @TempDir Path dir;

  private final Map<String, Object> outputs = new ConcurrentHashMap<>();

  private ResourceContext context(String id) {
    // No scope: none of these providers needs one to predict.
    return new ResourceContext(null, id, "my-app/dev/" + id, dir);
  }

  private static String unknown(String id, String field) {
    return Unknowns.marker("my-app/dev/" + id, field);
  }

  @Test
  void aTextFileIsPredictedAsCreateAndUpdateWriteIt() throws Exception {
    TextFile files = TextFile.provider();
    TextFile.Props props = TextFile.props("docs/README.txt", "h\u00e9llo \u2603\n");
    String before = FolderHash.of(dir);
    TextFile.Output predicted = files.predict(context("readme"), props, null);
    assertThat(FolderHash.of(dir)).as("nothing written").isEqualTo(before);
    TextFile.Output created = files.create(context("readme"), props);
    assertThat(predicted).isEqualTo(created);
    assertThat(predicted.path()).isEqualTo(dir.resolve("docs/README.txt").toString());

    TextFile.Props changed = TextFile.props("docs/README.txt", "v2");
    TextFile.Output predictedUpdate = files.predict(context("readme"), changed, created);
    assertThat(predictedUpdate)
        .isEqualTo(files.update(context("readme"), props, changed, created));
  }

  @Test
  void aTextFileWhosePathOrContentIsUnknownHasThatPartUnknown() throws Exception {
    TextFile files = TextFile.provider();
    String elsewhere = Unknowns.marker("my-app/dev/other", "path");
    TextFile.Output unknownPath = files.predict(context("copy"),
        TextFile.props(elsewhere + "/../copy.txt", "text"), null);
    assertThat(unknownPath.path()).isEqualTo(unknown("copy", "path"));
    assertThat(unknownPath.sha256()).isEqualTo(files.create(context("copy"),
        TextFile.props("copy.txt", "text")).sha256());

    TextFile.Output unknownContent = files.predict(context("copy"),
        TextFile.props("copy.txt", "token " + Unknowns.marker("my-app/dev/t", "stdout")), null);
    assertThat(unknownContent.path()).isEqualTo(dir.resolve("copy.txt").toString());
    assertThat(unknownContent.sha256()).isEqualTo(unknown("copy", "sha256"));
    assertThat(unknownContent.size()).isZero();
  }

  @Test
  void aFolderIsPredictedAsCreateMakesIt() throws Exception {
    Folder folders = Folder.provider();
    Folder.Props props = Folder.props("site/assets");
    Folder.Output predicted = folders.predict(context("assets"), props, null);
    assertThat(dir.resolve("site")).doesNotExist();
    assertThat(predicted).isEqualTo(folders.create(context("assets"), props));
    assertThat(folders.predict(context("assets"), Folder.props(unknown("x", "path")), null)
        .path()).isEqualTo(unknown("assets", "path"));
  }

  @Test
  void aRandomStringIsAlwaysUnknown() {
    RandomString random = RandomString.provider();
    RandomString.Output created = random.create(context("token"), RandomString.props(16));
    for (RandomString.Output previous : new RandomString.Output[] {null, created}) {
      Secret value = random.predict(context("token"), RandomString.props(24), previous).value();
      assertThat(value.reveal()).isEqualTo(unknown("token", "value"));
    }
  }

  @Test
  void aCommandIsNotRunAndSucceedsWithUnknownOutput() throws Exception {
    Command commands = Command.provider();
    Command.Props props = Command.props("sh", "-c", "touch ran && echo created")
        .update("sh", "-c", "touch ran && echo updated").build();
    Command.Output predicted = commands.predict(context("cmd"), props, null);
    assertThat(dir.resolve("ran")).doesNotExist();
    assertThat(predicted).isEqualTo(new Command.Output(0, unknown("cmd", "stdout")));
    Command.Output created = commands.create(context("cmd"), props);
    assertThat(predicted.exitCode()).isEqualTo(created.exitCode());
    assertThat(commands.predict(context("cmd"), props, created)).isEqualTo(predicted);
  }

  /** Version {@code n} of a definition using each provider, its outputs kept by id. */
  private InfrastructureDefinition site(int n) {
    return stage -> {
      TextFile.Output notes = TextFile.declare(stage, "notes",
          TextFile.props("notes.txt", "version " + n));
      Folder.Output out = Folder.declare(stage, "out", Folder.props("out-" + n));
      RandomString.Output token = RandomString.declare(stage, "token",
          RandomString.props(8 + n));
      Command.Output cmd = Command.declare(stage, "cmd", Command.props("echo", "created")
          .update("echo", "updated " + n).secretEnv("TOKEN", token.value()).build());
      // Outputs flowing into later props: known ones, and one known only after up.
      TextFile.Output index = TextFile.declare(stage, "index", TextFile.props(out.path()
          + "/index.txt", notes.sha256()));
      TextFile.Output echo = TextFile.declare(stage, "echo",
          TextFile.props("echo.txt", cmd.stdout()));
      outputs.putAll(Map.of("notes", notes, "out", out, "token", token, "cmd", cmd,
          "index", index, "echo", echo));
    };
  }

  @Test
  void aPlanOnADeployedStagePredictsWhatUpThenReturns() throws Exception {
    Stages stages = new Stages(dir);
    stages.builder().password(Secret.of("pw")).build().run(site(1));
    String state = FolderHash.of(stages.stateDir());
    String files = FolderHash.of(dir);

    Plan plan = stages.builder().password(Secret.of("pw")).build().plan(site(2));
    assertThat(FolderHash.of(dir)).as("nothing written").isEqualTo(files);
    assertThat(FolderHash.of(stages.stateDir())).isEqualTo(state);
    assertThat(plan.lines()).containsExactly(
        "~   update    my-app/dev/notes (fs::TextFile)",
        "      content: \"version 1\" -> \"version 2\"",
        "-/+ replace   my-app/dev/out (fs::Folder): path forces a replacement",
        "      path: \"out-1\" -> \"out-2\"",
        "~   update    my-app/dev/token (random::String)",
        "      length: 9 -> 10",
        "~   update    my-app/dev/cmd (command::Command)",
        "      update[1]: \"updated 1\" -> \"updated 2\"",
        "      secretEnv.TOKEN: (secret changed)",
        "-/+ replace   my-app/dev/index (fs::TextFile): path forces a replacement",
        "      path: \"" + dir.resolve("out-1") + "/index.txt\" -> \"" + dir.resolve("out-2")
            + "/index.txt\"",
        "      content: \"" + sha256("version 1") + "\" -> \"" + sha256("version 2") + "\"",
        "~   update    my-app/dev/echo (fs::TextFile)",
        "      content: \"created\" -> (known after up)",
        "Plan for my-app/dev: 0 to create, 4 to update, 2 to replace, 0 to delete,"
            + " 0 unchanged");
    Map<String, Object> predicted = Map.copyOf(outputs);
    outputs.clear();

    stages.builder().password(Secret.of("pw")).build().run(site(2));
    for (String fullyKnown : new String[] {"notes", "out", "index"}) {
      assertThat(predicted.get(fullyKnown)).as(fullyKnown).isEqualTo(outputs.get(fullyKnown));
    }
    assertThat(((RandomString.Output) predicted.get("token")).value().reveal())
        .isEqualTo(unknown("token", "value"));
    Command.Output cmd = (Command.Output) predicted.get("cmd");
    assertThat(cmd.exitCode()).isEqualTo(((Command.Output) outputs.get("cmd")).exitCode());
    assertThat(cmd.stdout()).isEqualTo(unknown("cmd", "stdout"));
    TextFile.Output echo = (TextFile.Output) predicted.get("echo");
    assertThat(echo.path()).isEqualTo(((TextFile.Output) outputs.get("echo")).path());
    assertThat(echo.sha256()).isEqualTo(unknown("echo", "sha256"));
    assertThat(((TextFile.Output) outputs.get("echo")).size()).isEqualTo("updated 2".length());

    stages.builder().password(Secret.of("pw")).phase(Phase.DESTROY).build().run(site(2));
  }

  private String sha256(String content) throws Exception {
    return TextFile.provider().predict(context("any"), TextFile.props("any", content), null)
        .sha256();
  }
}
