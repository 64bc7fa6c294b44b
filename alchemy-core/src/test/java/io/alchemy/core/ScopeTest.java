package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's scope examples, translated to Java. */
class ScopeTest {

  @TempDir Path dir;

  @Test
  void seedHierarchyGivesFullyQualifiedNames() {
    Stages stages = new Stages(dir);
    List<String> fqns = new ArrayList<>();
    RunResult result = stages.up(scope -> {
      TextFile.declare(scope, "api", TextFile.props("out/api.txt", "api"));
      scope.run("database", db -> TextFile.declare(db, "database", TextFile.props("out/db.txt", "db")));
      scope.run("storage", storage -> {
        TextFile.Output images = TextFile.declare(storage, "images",
            TextFile.props("out/images.txt", "images"));
        fqns.add(storage.fqn("images"));
        assertThat(images.path()).isEqualTo(dir.resolve("out/images.txt").toString());
      });
      fqns.add(scope.fqn("api"));
    });

    assertThat(fqns).containsExactly("my-app/dev/storage/images", "my-app/dev/api");
    assertThat(result.resources()).extracting(ResourceReport::fqn).containsExactly(
        "my-app/dev/api", "my-app/dev/database/database", "my-app/dev/storage/images");
    assertThat(result.created()).isEqualTo(3);
    assertThat(stages.file("out/images.txt")).hasContent("images");
  }

  @Test
  void scopePropertiesDescribeTheTree() {
    Stages stages = new Stages(dir);
    List<Object> seen = new ArrayList<>();
    stages.builder().stage("prod").build().run(stage -> {
      stage.run("database", scope -> {
        seen.add(scope.appName());
        seen.add(scope.stage());
        seen.add(scope.name());
        seen.add(scope.scopeName());
        seen.add(scope.chain());
        seen.add(scope.local());
        seen.add(scope.watch());
        seen.add(scope.phase());
        seen.add(scope.parent().orElseThrow().name());
        seen.add(scope.parent().orElseThrow().parent().orElseThrow().name());
        seen.add(scope.parent().orElseThrow().parent().orElseThrow().parent().isPresent());
      });
    });
    assertThat(seen).containsExactly("my-app", "prod", "database", "database",
        List.of("my-app", "prod", "database"), false, false, Phase.UP, "prod", "my-app", false);
  }

  @Test
  void flagsReachEveryScope() {
    Stages stages = new Stages(dir);
    List<Boolean> seen = new ArrayList<>();
    stages.builder().local(true).watch(true).adopt(true).quiet(true).build().run(stage ->
        stage.run("api", api -> {
          seen.add(api.local());
          seen.add(api.watch());
          seen.add(api.adopt());
          seen.add(api.quiet());
        }));
    assertThat(seen).containsExactly(true, true, true, true);
  }

  @Test
  void childScopeOptionsOverrideTheParent() {
    Stages stages = new Stages(dir);
    List<Object> seen = new ArrayList<>();
    stages.up(stage -> stage.run("api", ScopeOptions.defaults().adopt(true).quiet(true), api -> {
      seen.add(api.adopt());
      seen.add(api.quiet());
      api.run("inner", inner -> seen.add(inner.adopt()));
    }));
    assertThat(seen).containsExactly(true, true, true);
  }

  @Test
  void callReturnsTheBodysValue() throws Exception {
    Stages stages = new Stages(dir);
    List<String> seen = new ArrayList<>();
    stages.up(stage -> {
      String path = stage.call("storage", storage ->
          TextFile.declare(storage, "images", TextFile.props("out/i.txt", "x")).path());
      seen.add(path);
    });
    assertThat(seen).containsExactly(dir.resolve("out/i.txt").toString());
  }

  @Test
  void scopeStatePersistsAcrossRunsAndIsIsolated() {
    Stages stages = new Stages(dir);
    stages.up(stage -> {
      stage.run("api", api -> api.set("version", "1.0.0"));
      stage.run("worker", worker -> assertThat(worker.get("version", String.class)).isEmpty());
    });
    List<Optional<String>> seen = new ArrayList<>();
    stages.up(stage -> {
      stage.run("api", api -> {
        seen.add(api.get("version", String.class));
        api.delete("version");
        seen.add(api.get("version", String.class));
      });
      stage.run("worker", worker -> seen.add(worker.get("version", String.class)));
    });
    assertThat(seen).containsExactly(Optional.of("1.0.0"), Optional.empty(), Optional.empty());
  }

  @Test
  void scopeStateHoldsStructuredValues() {
    Stages stages = new Stages(dir);
    record Deployed(String when, int count) {}
    stages.up(stage -> stage.run("cache", cache -> cache.set("last", new Deployed("now", 3))));
    List<Deployed> seen = new ArrayList<>();
    stages.up(stage -> stage.run("cache",
        cache -> seen.add(cache.get("last", Deployed.class).orElseThrow())));
    assertThat(seen).containsExactly(new Deployed("now", 3));
  }

  @Test
  void scopeStateOfAScopeNotEnteredIsRemoved() {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.run("cache", cache -> cache.set("k", "v")));
    stages.up(stage -> { });
    List<Optional<String>> seen = new ArrayList<>();
    stages.up(stage -> stage.run("cache", cache -> seen.add(cache.get("k", String.class))));
    assertThat(seen).containsExactly(Optional.empty());
  }

  @Test
  void conditionalScopesOnlyInProd() throws Exception {
    Stages stages = new Stages(dir);
    InfrastructureDefinition definition = stage -> {
      TextFile.declare(stage, "api", TextFile.props("out/" + stage.stage() + "/api.txt", "api"));
      if (stage.stage().equals("prod")) {
        stage.run("monitoring", m -> Folder.declare(m, "dashboards",
            Folder.props("out/prod/dashboards")));
      }
    };
    RunResult dev = stages.builder().stage("dev").build().run(definition);
    RunResult prod = stages.builder().stage("prod").build().run(definition);
    assertThat(dev.created()).isEqualTo(1);
    assertThat(prod.created()).isEqualTo(2);
    assertThat(Files.isDirectory(stages.file("out/prod/dashboards"))).isTrue();
    assertThat(Files.exists(stages.file("out/dev/dashboards"))).isFalse();
  }

  @Test
  void rootScopeHoldsNoResources() {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.up(stage ->
        TextFile.declare(stage.parent().orElseThrow(), "x", TextFile.props("x", "x"))))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("The root scope my-app cannot declare resources");
  }

  @Test
  void defaultStageIsDevWithoutTheEnvironmentVariable() {
    // The build does not set ALCHEMY_STAGE; when a developer does, the default follows it.
    String env = System.getenv(Alchemy.STAGE_ENV);
    assertThat(Alchemy.defaultStage()).isEqualTo(env == null || env.isBlank() ? "dev" : env.trim());
  }
}
