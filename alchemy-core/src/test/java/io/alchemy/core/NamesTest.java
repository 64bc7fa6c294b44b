package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.fs.TextFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad names are refused with a clear message, and nothing changes. */
class NamesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "a\\b", "a:b", "..", "a..b", "tab\there", "."})
  void badResourceIdsAreRefused(String id) throws Exception {
    Stages stages = new Stages(dir);
    stages.up(stage -> TextFile.declare(stage, "ok", TextFile.props("ok.txt", "x")));
    String before = stages.snapshotOfState();
    assertThatThrownBy(() -> stages.up(stage -> {
      TextFile.declare(stage, "ok", TextFile.props("ok.txt", "x"));
      TextFile.declare(stage, id, TextFile.props("bad.txt", "x"));
    })).isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("The resource id '")
        .hasMessageContaining("in scope my-app/dev")
        .hasMessageContaining("Rename it, e.g.")
        .cause().isInstanceOf(InvalidNameException.class);
    assertThat(stages.file("bad.txt")).doesNotExist();
    assertThat(stages.snapshotOfState()).isEqualTo(before);
  }

  @Test
  void theMessageShowsControlCharactersEscapedAndSuggestsAFix() {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.up(stage -> stage.run("a/b", s -> { })))
        .hasMessageContaining("The scope name 'a/b' in scope my-app/dev contains '/'.")
        .hasMessageContaining("e.g. 'a-b'");
    assertThatThrownBy(() -> stages.up(stage -> stage.run("a\nb", s -> { })))
        .hasMessageContaining("'a\\u000ab'");
  }

  @Test
  void duplicateIdsInOneScopeAreRefused() throws Exception {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.up(stage -> {
      TextFile.declare(stage, "api", TextFile.props("a.txt", "x"));
      TextFile.declare(stage, "api", TextFile.props("b.txt", "x"));
    })).isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Duplicate id 'api' in scope my-app/dev: a resource of that name was"
            + " already declared in this run.")
        .cause().isInstanceOf(DuplicateIdException.class);
    assertThat(stages.file("b.txt")).doesNotExist();
  }

  @Test
  void aChildScopeAndAResourceCannotShareAName() {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.up(stage -> {
      stage.run("storage", s -> { });
      TextFile.declare(stage, "storage", TextFile.props("a.txt", "x"));
    })).hasMessageContaining("a child scope of that name");
  }

  @Test
  void theSameIdInDifferentScopesIsFine() {
    Stages stages = new Stages(dir);
    RunResult result = stages.up(stage -> {
      TextFile.declare(stage, "api", TextFile.props("a.txt", "x"));
      stage.run("v2", s -> TextFile.declare(s, "api", TextFile.props("b.txt", "x")));
    });
    assertThat(result.created()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../prod", "a/b", "a\\b", "c:", ".hidden", ".."})
  void badStagesAreRefusedBeforeAnythingRuns(String stage) {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.builder().stage(stage).build())
        .isInstanceOf(InvalidNameException.class)
        .hasMessageStartingWith("The stage name '" + stage + "'")
        .hasMessageContaining("Set another stage (Alchemy.builder().stage(...) or the ALCHEMY_STAGE"
            + " environment variable)");
    assertThat(stages.stateDir()).doesNotExist();
  }

  @Test
  void badAppNamesAreRefused() {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.builder().app("my/app").build())
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("The app name 'my/app' contains '/'")
        .extracting(e -> ((InvalidNameException) e).kind()).isEqualTo("app");
    assertThatThrownBy(() -> stages.builder().app(null).build())
        .hasMessageContaining("The app name null is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "   ", "\t"})
  void blankStagesAreRefusedNotTakenAsTheDefault(String stage) {
    Stages stages = new Stages(dir);
    assertThatThrownBy(() -> stages.builder().stage(stage).build())
        .isInstanceOf(InvalidNameException.class)
        .hasMessageStartingWith("The stage name '")
        .hasMessageContaining(stage.equals("\t") ? "contains a control character" : "is blank");
    assertThat(stages.stateDir()).doesNotExist();
  }

  @Test
  void aStageOfMoreThan64CharactersSaysTheLimitAndItsLength() {
    String stage = "s".repeat(300);
    assertThatThrownBy(() -> new Stages(dir).builder().stage(stage).build())
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("is 300 characters long")
        .hasMessageContaining("or be longer than 64 characters")
        .hasMessageEndingWith("e.g. '" + "s".repeat(64) + "'.");
    // 64 is still fine.
    new Stages(dir).builder().stage("s".repeat(64)).build();
  }

  @Test
  void aLongAppNameIsRefusedToo() {
    assertThatThrownBy(() -> new Stages(dir).builder().app("a".repeat(65)).build())
        .isInstanceOfSatisfying(InvalidNameException.class,
            e -> assertThat(e.kind()).isEqualTo("app"))
        .hasMessageContaining("The app name '" + "a".repeat(65) + "' is 65 characters long");
  }

  @ParameterizedTest
  @CsvSource({"feature/login, feature-login", "a\\b, a-b", "team:x, team-x", "../prod, prod",
      ".hidden, hidden", "me@laptop, me-laptop"})
  void aBadStageSuggestsAValidOne(String stage, String suggestion) {
    assertThatThrownBy(() -> new Stages(dir).builder().stage(stage).build())
        .hasMessageEndingWith("Set another stage (Alchemy.builder().stage(...) or the ALCHEMY_STAGE"
            + " environment variable), e.g. '"
            + suggestion + "'.");
  }

  @Test
  void theStageEnvironmentVariableSetButBlankIsAnErrorNotDev() {
    assertThat(Alchemy.defaultStage(null)).isEqualTo("dev");
    assertThat(Alchemy.defaultStage(" prod ")).isEqualTo("prod");
    assertThatThrownBy(() -> Alchemy.defaultStage(""))
        .isInstanceOfSatisfying(InvalidNameException.class,
            e -> assertThat(e.kind()).isEqualTo("stage"))
        .hasMessage("The ALCHEMY_STAGE environment variable is set but blank (''), so it names"
            + " no stage. A blank stage is not taken as dev: that could deploy or destroy a stage"
            + " nobody meant. Set it to a stage (ALCHEMY_STAGE=prod), or unset it (unset"
            + " ALCHEMY_STAGE) to use dev. Nothing was run or written.");
  }

  @Test
  void aBuilderWithoutAStageTakesTheDefaultOnlyWhenItIsBuilt() {
    // A builder can be made, and its stage set, whatever the environment says.
    assertThat(Alchemy.builder().app("my-app").stage("prod").stateDir(dir).build().stage())
        .isEqualTo("prod");
  }
}
