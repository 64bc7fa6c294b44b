package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, unchanged, update, replace, orphans, destroy and read. */
class LifecycleTest {

  @TempDir Path dir;

  private final CountingProvider things = new CountingProvider();

  private InfrastructureDefinition withThings(String... values) {
    return stage -> {
      for (int i = 0; i < values.length; i++) {
        stage.resource("t" + i, things, new CountingProvider.Props("t" + i, values[i]));
      }
    };
  }

  @Test
  void unchangedPropsCallNoProvider() {
    Stages stages = new Stages(dir);
    stages.up(withThings("a", "b"));
    things.calls.clear();
    RunResult second = stages.up(withThings("a", "b"));
    assertThat(things.calls).isEmpty();
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(second.summary()).isEqualTo("0 created, 0 updated, 0 replaced, 0 deleted, 2 unchanged");
  }

  @Test
  void changedPropsUpdateInPlace() {
    Stages stages = new Stages(dir);
    stages.up(withThings("a", "b"));
    things.calls.clear();
    List<Integer> versions = new ArrayList<>();
    RunResult second = stages.up(stage -> {
      versions.add(stage.resource("t0", things, new CountingProvider.Props("t0", "a")).version());
      versions.add(stage.resource("t1", things, new CountingProvider.Props("t1", "B")).version());
    });
    assertThat(things.calls).containsExactly("update t1");
    assertThat(versions).containsExactly(1, 2);
    assertThat(second.updated()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(1);
  }

  @Test
  void forceUpdatesEvenUnchangedResources() {
    Stages stages = new Stages(dir);
    stages.up(withThings("a"));
    things.calls.clear();
    stages.builder().force(true).build().run(withThings("a"));
    assertThat(things.calls).containsExactly("update t0");
  }

  @Test
  void replacementCreatesTheNewOneFirstAndDeletesTheOldAtFinalize() {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.resource("db", things, new CountingProvider.Props("old", "v")));
    things.calls.clear();
    RunResult result =
        stages.up(stage -> stage.resource("db", things, new CountingProvider.Props("new", "v")));
    assertThat(things.calls).containsExactly("create new", "delete old");
    assertThat(things.things).containsOnlyKeys("new");
    assertThat(result.replaced()).isEqualTo(1);
    assertThat(result.deleted()).isEqualTo(1);
  }

  @Test
  void replacementInAFailedRunKeepsTheOldOneUntilTheNextGoodRun() {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.resource("db", things, new CountingProvider.Props("old", "v")));
    assertThatThrownBy(() -> stages.up(stage -> {
      stage.resource("db", things, new CountingProvider.Props("new", "v"));
      throw new IllegalStateException("boom");
    })).isInstanceOf(DeploymentFailedException.class);
    assertThat(things.things).containsOnlyKeys("old", "new");
    things.calls.clear();
    stages.up(stage -> stage.resource("db", things, new CountingProvider.Props("new", "v")));
    assertThat(things.calls).containsExactly("delete old");
  }

  @Test
  void textFileReplacementMovesTheFile() {
    Stages stages = new Stages(dir);
    stages.up(stage -> TextFile.declare(stage, "f", TextFile.props("a.txt", "x")));
    RunResult result =
        stages.up(stage -> TextFile.declare(stage, "f", TextFile.props("b.txt", "x")));
    assertThat(result.resources()).extracting(PrintStreamListener::line).hasSize(2)
        .allMatch(line -> line.matches(
            "replaced  my-app/dev/f \\(fs::TextFile\\) a.txt -> b.txt \\d+ ms")
            || line.matches("deleted   my-app/dev/f \\(fs::TextFile\\) a.txt \\d+ ms"));
    assertThat(stages.file("a.txt")).doesNotExist();
    assertThat(stages.file("b.txt")).hasContent("x");
  }

  @Test
  void orphansAreDeletedNewestFirstIncludingWholeScopesNotEntered() {
    Stages stages = new Stages(dir);
    stages.up(stage -> {
      Folder.declare(stage, "site", Folder.props("site"));
      stage.run("pages", pages -> {
        TextFile.declare(pages, "index", TextFile.props("site/index.html", "i"));
        pages.run("deep", deep -> TextFile.declare(deep, "about", TextFile.props("site/about.html", "a")));
      });
      TextFile.declare(stage, "keep", TextFile.props("keep.txt", "k"));
    });
    RunResult result = stages.up(stage ->
        TextFile.declare(stage, "keep", TextFile.props("keep.txt", "k")));
    assertThat(result.resources()).filteredOn(r -> r.action() == ResourceAction.DELETE)
        .extracting(ResourceReport::fqn)
        .containsExactly("my-app/dev/pages/deep/about", "my-app/dev/pages/index", "my-app/dev/site");
    assertThat(stages.file("site")).doesNotExist();
    assertThat(stages.file("keep.txt")).exists();
  }

  @Test
  void destroyDeletesEverythingAndTheStageFolder() throws Exception {
    Stages stages = new Stages(dir);
    InfrastructureDefinition definition = stage -> {
      Folder.declare(stage, "site", Folder.props("site"));
      stage.run("pages", pages -> {
        pages.set("k", "v");
        TextFile.declare(pages, "index", TextFile.props("site/index.html", "i"));
      });
    };
    stages.up(definition);
    List<Object> outputs = new ArrayList<>();
    List<Phase> phases = new ArrayList<>();
    RunResult result = stages.run(Phase.DESTROY, stage -> {
      phases.add(stage.phase());
      outputs.add(TextFile.declare(stage, "never-deployed", TextFile.props("n.txt", "n")));
      outputs.add(Folder.declare(stage, "site", Folder.props("site")));
    });
    assertThat(phases).containsExactly(Phase.DESTROY);
    assertThat(outputs).containsExactly(null, new Folder.Output(dir.resolve("site").toString()));
    assertThat(result.deleted()).isEqualTo(2);
    assertThat(result.resources()).extracting(ResourceReport::fqn)
        .containsExactly("my-app/dev/pages/index", "my-app/dev/site");
    assertThat(stages.file("site")).doesNotExist();
    assertThat(stages.file("n.txt")).doesNotExist();
    assertThat(stages.stageDir("dev")).doesNotExist();
  }

  @Test
  void aChildScopeInTheDestroyPhaseDeletesOnlyItsOwnResources() {
    Stages stages = new Stages(dir);
    stages.up(stage -> {
      stage.resource("keep", things, new CountingProvider.Props("keep", "v"));
      stage.run("legacy", legacy ->
          legacy.resource("old", things, new CountingProvider.Props("old", "v")));
    });
    RunResult result = stages.up(stage -> {
      stage.resource("keep", things, new CountingProvider.Props("keep", "v"));
      stage.run("legacy", ScopeOptions.defaults().phase(Phase.DESTROY), legacy -> {
        assertThat(legacy.phase()).isEqualTo(Phase.DESTROY);
        legacy.resource("old", things, new CountingProvider.Props("old", "v"));
      });
    });
    assertThat(things.things).containsOnlyKeys("keep");
    assertThat(result.deleted()).isEqualTo(1);
  }

  @Test
  void readReturnsRecordedOutputsAndChangesNothing() throws Exception {
    Stages stages = new Stages(dir);
    stages.up(stage -> {
      stage.resource("t", things, new CountingProvider.Props("t", "v"));
      stage.run("api", api -> api.set("k", "v"));
    });
    String before = stages.snapshotOfState();
    things.calls.clear();
    List<Object> seen = new ArrayList<>();
    RunResult result = stages.run(Phase.READ, stage -> {
      seen.add(stage.resource("t", things, new CountingProvider.Props("t", "changed!")));
      stage.run("api", api -> {
        api.set("k", "other");
        seen.add(api.get("k", String.class).orElseThrow());
      });
    });
    assertThat(seen).containsExactly(new CountingProvider.Output("t", "v", 1), "other");
    assertThat(things.calls).isEmpty();
    assertThat(result.count(ResourceAction.READ)).isEqualTo(1);
    assertThat(result.summary()).isEqualTo("1 read");
    assertThat(stages.snapshotOfState()).isEqualTo(before);
  }

  @Test
  void readOfAResourceNotDeployedIsAClearError() throws Exception {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.run(Phase.READ,
        stage -> stage.resource("t", things, new CountingProvider.Props("t", "v"))))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/t is not deployed")
        .hasMessageContaining("deploy it first with the up goal");
    assertThat(stages.snapshotOfState()).isEmpty();
  }

  @Test
  void readDoesNotNeedTheLock() {
    Stages stages = new Stages(dir);
    stages.up(withThings("a"));
    List<RunResult> inner = new ArrayList<>();
    stages.up(stage -> {
      stage.resource("t0", things, new CountingProvider.Props("t0", "a"));
      inner.add(stages.run(Phase.READ, withThings("a")));
    });
    assertThat(inner.get(0).count(ResourceAction.READ)).isEqualTo(1);
  }

  @Test
  void stagesAreIsolated() throws Exception {
    Stages stages = new Stages(dir);
    InfrastructureDefinition definition = stage ->
        TextFile.declare(stage, "api", TextFile.props(stage.stage() + "/api.txt", "x"));
    stages.builder().stage("dev").build().run(definition);
    stages.builder().stage("prod").build().run(definition);
    String prodBefore = Files.readString(stages.stageDir("prod").resolve("state.json"));
    stages.builder().stage("dev").phase(Phase.DESTROY).build().run(definition);
    assertThat(stages.file("dev/api.txt")).doesNotExist();
    assertThat(stages.file("prod/api.txt")).exists();
    assertThat(stages.stageDir("prod").resolve("state.json")).hasContent(prodBefore);
  }

  @Test
  void deferredWorkRunsBeforeOrphansAndCleanupsRunLastInReverse() {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.resource("old", things, new CountingProvider.Props("old", "v")));
    List<String> order = new ArrayList<>();
    stages.up(stage -> {
      stage.resource("keep", things, new CountingProvider.Props("keep", "v"));
      stage.onCleanup(() -> order.add("cleanup 1"));
      stage.defer(() -> order.add("defer 1 sees " + things.things.keySet()));
      stage.run("child", child -> {
        child.onCleanup(() -> order.add("cleanup 2"));
        child.defer(() -> order.add("defer 2"));
      });
    });
    assertThat(order).containsExactly("defer 1 sees [old, keep]", "defer 2", "cleanup 2",
        "cleanup 1");
    assertThat(things.things).containsOnlyKeys("keep");
  }

  @Test
  void providersAreFoundByTypeForOrphansNotInCode() throws Exception {
    Stages stages = new Stages(dir);
    stages.up(stage -> TextFile.declare(stage, "f", TextFile.props("f.txt", "x")));
    // The second run never mentions TextFile: its provider comes from META-INF/services.
    RunResult result = stages.up(stage -> { });
    assertThat(result.deleted()).isEqualTo(1);
    assertThat(stages.file("f.txt")).doesNotExist();
  }

  @Test
  void anOrphanWithAnUnknownTypeIsAClearErrorAndNothingIsDeleted() throws Exception {
    Stages stages = new Stages(dir);
    CountingProvider unknown = new CountingProvider("gone::Thing");
    stages.up(stage -> {
      stage.resource("a", things, new CountingProvider.Props("a", "v"));
      stage.resource("b", unknown, new CountingProvider.Props("b", "v"));
    });
    String before = stages.snapshotOfState();
    things.calls.clear();
    assertThatThrownBy(() -> stages.up(stage -> { }))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Cannot delete my-app/dev/")
        .hasMessageContaining("no provider of type")
        .hasMessageContaining("Nothing was deleted");
    assertThat(things.calls).isEmpty();
    assertThat(stages.snapshotOfState()).isEqualTo(before);
  }

  @Test
  void numbersCompareByValueSoLongPropsStayUnchanged() {
    Stages stages = new Stages(dir);
    record Sized(long size, double ratio) {}
    CountingProvider.Props props = new CountingProvider.Props("n", "v");
    things.calls.clear();
    // Scope state and props go through the same JSON; a long 1 must not look changed when read back.
    stages.up(stage -> stage.set("sized", new Sized(1L, 2.0)));
    stages.up(stage -> stage.resource("n", things, props));
    stages.up(stage -> stage.resource("n", things, props));
    assertThat(things.calls).containsExactly("create n");
  }

  @Test
  void localModeRefusesResourcesWithoutALocalAlternativeBeforeRecordingThem() throws Exception {
    Stages stages = new Stages(dir);
    CountingProvider remote = new CountingProvider() {
      @Override
      public boolean worksLocally() {
        return false;
      }
    };
    assertThatThrownBy(() -> stages.builder().local(true).build().run(stage -> {
      TextFile.declare(stage, "file", TextFile.props("local.txt", "fine locally"));
      stage.resource("bucket", remote, new CountingProvider.Props("b", "v"));
    })).isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/bucket (test::Thing) has no local alternative");
    assertThat(remote.calls).isEmpty();
    assertThat(stages.file("local.txt")).hasContent("fine locally");
    assertThat(stages.stateDir().resolve("my-app/dev@local/state.json").toFile())
        .content().doesNotContain("bucket");
  }
}
