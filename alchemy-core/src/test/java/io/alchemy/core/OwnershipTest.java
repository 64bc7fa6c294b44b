package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.StageState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage touches only what its state proves it made: an old instance that a current record
 * points to is never deleted, a half-made thing is never forgotten, and what exists outside
 * state is a conflict.
 */
class OwnershipTest {

  @TempDir Path dir;

  private static InfrastructureDefinition file(String path, String content) {
    return stage -> TextFile.declare(stage, "a", TextFile.props(path, content));
  }

  private Map<String, ResourceRecord> records(Stages stages, String stage) {
    try (StageState state = new FileSystemStateStore(stages.stateDir())
        .open("my-app", stage, AccessMode.READ)) {
      return state.resources();
    }
  }

  @Test
  void goingBackAfterAnInterruptedReplacementKeepsTheLiveFile() {
    Stages stages = new Stages(dir);
    stages.up(file("out/a.txt", "one"));
    // The replacement is created, then the definition fails: the old instance waits in state.
    assertThatThrownBy(() -> stages.up(stage -> {
      TextFile.declare(stage, "a", TextFile.props("out/a2.txt", "two"));
      throw new IllegalStateException("broken after the replacement");
    })).isInstanceOf(DeploymentFailedException.class);
    assertThat(stages.file("out/a.txt")).hasContent("one");
    assertThat(stages.file("out/a2.txt")).hasContent("two");

    RunResult back = stages.up(file("out/a.txt", "three"));

    assertThat(stages.file("out/a.txt")).hasContent("three");
    assertThat(stages.file("out/a2.txt")).doesNotExist();
    assertThat(back.replaced()).isEqualTo(1);
    assertThat(back.deleted()).isEqualTo(1);
    ResourceRecord a = records(stages, "dev").get("a");
    assertThat(a.status()).isEqualTo(ResourceStatus.CREATED);
    assertThat(a.replacedInstances()).isEmpty();
    assertThat(stages.up(file("out/a.txt", "three")).unchanged()).isEqualTo(1);
    assertThat(stages.file("out/a.txt")).hasContent("three");
  }

  @Test
  void goingBackToTheSameContentAfterAnInterruptedReplacementKeepsTheLiveFile() {
    Stages stages = new Stages(dir);
    stages.up(file("out/a.txt", "one"));
    assertThatThrownBy(() -> stages.up(stage -> {
      TextFile.declare(stage, "a", TextFile.props("out/a2.txt", "one"));
      stage.fail();
    })).isInstanceOf(DeploymentFailedException.class);

    stages.up(file("out/a.txt", "one"));

    assertThat(stages.file("out/a.txt")).hasContent("one");
    assertThat(stages.file("out/a2.txt")).doesNotExist();
    assertThat(records(stages, "dev").get("a").replacedInstances()).isEmpty();
  }

  /** A provider that makes the thing, then fails: the record stays creating. */
  private static final class HalfMaking extends CountingProvider {
    @Override
    public Output create(ResourceContext context, Props props) {
      if (props.failOnCreate()) {
        things.put(props.name(), props.value());
        throw new IllegalStateException("crashed after making " + props.name());
      }
      return super.create(context, props);
    }
  }

  @Test
  void anInterruptedCreateWhosePropsChangeIsDeletedNotForgotten() {
    Stages stages = new Stages(dir);
    HalfMaking things = new HalfMaking();
    assertThatThrownBy(() -> stages.up(stage ->
        stage.resource("x", things, new CountingProvider.Props("old-name", "v", true))))
        .isInstanceOf(DeploymentFailedException.class);
    assertThat(things.things).containsKey("old-name");

    stages.up(stage -> stage.resource("x", things, new CountingProvider.Props("new-name", "v")));

    // The half-made one is another thing (a new name replaces): deleted at finalization.
    assertThat(things.things).containsOnlyKeys("new-name");
    assertThat(things.calls).containsSubsequence("create new-name", "delete old-name");
    assertThat(records(stages, "dev").get("x").replacedInstances()).isEmpty();
  }

  @Test
  void anInterruptedCreateWhoseInPlacePropsChangeIsTakenOver() {
    Stages stages = new Stages(dir);
    HalfMaking things = new HalfMaking();
    assertThatThrownBy(() -> stages.up(stage ->
        stage.resource("x", things, new CountingProvider.Props("x", "v1", true))))
        .isInstanceOf(DeploymentFailedException.class);

    stages.up(stage -> stage.resource("x", things, new CountingProvider.Props("x", "v2")));

    assertThat(things.things).containsEntry("x", "v2");
    assertThat(things.calls).doesNotContain("delete x");
  }

  @Test
  void aFileThatStateDoesNotOwnIsAConflictAndStaysAsItIs() throws Exception {
    Files.createDirectories(stages().file("out"));
    Files.writeString(stages().file("out/a.txt"), "someone's notes");

    assertThatThrownBy(() -> stages().up(file("out/a.txt", "mine")))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("file " + stages().file("out/a.txt"))
        .hasMessageContaining("is not in the state of this stage")
        .hasMessageContaining("Alchemy.builder().adopt(true)")
        .hasMessageContaining("Nothing was changed");
    assertThat(stages().file("out/a.txt")).hasContent("someone's notes");
    assertThat(stages().snapshotOfState()).doesNotContain("out/a.txt");

    RunResult adopted = stages().builder().adopt(true).build().run(file("out/a.txt", "mine"));
    assertThat(adopted.adopted()).isEqualTo(1);
    assertThat(stages().file("out/a.txt")).hasContent("mine");
  }

  @Test
  void aFolderThatStateDoesNotOwnIsAConflict() throws Exception {
    Files.createDirectories(stages().file("site"));
    assertThatThrownBy(() -> stages().up(stage ->
        Folder.declare(stage, "site", Folder.props("site"))))
        .hasMessageContaining("folder " + stages().file("site"))
        .hasMessageContaining("Alchemy.builder().adopt(true)");
    assertThat(stages().file("site")).isDirectory();
    assertThat(stages().snapshotOfState()).isEmpty();
  }

  @Test
  void aFileMovedToAnotherIdIsHandedOverNotDeleted() {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.run("old", s ->
        TextFile.declare(s, "page", TextFile.props("out/page.txt", "v1"))));

    RunResult moved = stages.up(stage -> stage.run("new", s ->
        TextFile.declare(s, "index", TextFile.props("./out/../out/page.txt", "v2"))));

    assertThat(stages.file("out/page.txt")).hasContent("v2");
    assertThat(moved.deleted()).isZero();
    assertThat(records(stages, "dev")).containsOnlyKeys("new/index");
    assertThat(stages.up(stage -> stage.run("new", s ->
        TextFile.declare(s, "index", TextFile.props("./out/../out/page.txt", "v2"))))
        .unchanged()).isEqualTo(1);
  }

  @Test
  void twoResourcesDeclaringOneFileIsAnError() {
    Stages stages = new Stages(dir);
    stages.up(stage -> TextFile.declare(stage, "a", TextFile.props("out/x.txt", "a")));
    assertThatThrownBy(() -> stages.up(stage -> {
      TextFile.declare(stage, "a", TextFile.props("out/x.txt", "a"));
      TextFile.declare(stage, "b", TextFile.props("out/x.txt", "b"));
    })).hasMessageContaining("Resources my-app/dev/a and my-app/dev/b are both file "
        + stages.file("out/x.txt"));
    assertThat(stages.file("out/x.txt")).hasContent("a");
    assertThat(records(stages, "dev")).containsOnlyKeys("a");
  }

  @Test
  void localModeNeitherTakesOverNorDeletesWhatTheDeployedStageMade() {
    Stages stages = new Stages(dir);
    stages.up(file("out/a.txt", "deployed"));

    assertThatThrownBy(() -> stages.builder().local(true).build().run(file("out/a.txt", "local")))
        .hasMessageContaining("in local mode it may be what the deployed stage made");
    stages.builder().local(true).phase(Phase.DESTROY).build().run(file("out/a.txt", "local"));

    assertThat(stages.file("out/a.txt")).hasContent("deployed");
    assertThat(stages.up(file("out/a.txt", "deployed")).unchanged()).isEqualTo(1);
  }

  private Stages stages() {
    return new Stages(dir);
  }
}
