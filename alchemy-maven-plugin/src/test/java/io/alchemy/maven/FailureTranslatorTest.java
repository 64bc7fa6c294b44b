package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionException;
import io.alchemy.core.definition.DefinitionException.Problem;
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class FailureTranslatorTest {

  private static GoalSettings settings(String app, String stage, String definition) {
    return new GoalSettings("up", app, "<app> in the alchemy-maven-plugin configuration", stage,
        "-Dalchemy.stage on the command line", Path.of("/p/target/alchemy/state"), definition,
        "-Dalchemy.definition on the command line", Path.of("/p"));
  }

  private static Exception invalidName(String app, String stage) {
    try {
      Alchemy.builder().app(app).stage(stage).build();
    } catch (AlchemyException e) {
      return e;
    }
    throw new AssertionError("expected an invalid name");
  }

  @Test
  void badStageSaysWhereItCameFromAndHowToFixIt() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "a/b", null));
    assertThatThrownBy(() -> translator.translate(invalidName("shop", "a/b")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The stage name 'a/b' contains '/'.")
        .hasMessageEndingWith("The stage 'a/b' came from -Dalchemy.stage on the command line;"
            + " choose another with -Dalchemy.stage=prod or <stage> in the alchemy-maven-plugin"
            + " configuration. Nothing was run or written.");
  }

  @Test
  void badAppSaysWhereItCameFrom() {
    FailureTranslator translator = new FailureTranslator(settings("..", "dev", null));
    assertThatThrownBy(() -> translator.translate(invalidName("..", "dev")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("The app name '..' came from <app> in the alchemy-maven-plugin"
            + " configuration; choose another with -Dalchemy.app=my-app or <app>");
  }

  @Test
  void missingNamedDefinitionSaysWhereTheNameCameFrom() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", "x.Y"));
    DefinitionException error = new DefinitionException(Problem.NOT_FOUND, "x.Y", List.of(),
        "Definition class x.Y was not found.", null);
    assertThatThrownBy(() -> translator.translate(error))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Definition class x.Y was not found. The name came from -Dalchemy.definition"
            + " on the command line.")
        .hasCause(error);
  }

  @Test
  void otherDefinitionProblemsKeepTheCoreMessage() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    DefinitionException error = new DefinitionException(Problem.NONE_REGISTERED, null,
        List.of(), "No InfrastructureDefinition class was named.", null);
    assertThatThrownBy(() -> translator.translate(error))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("No InfrastructureDefinition class was named.");
  }

  @Test
  void failedDeploymentKeepsTheFqnAndCause() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    RunResult result = new RunResult("shop", "dev", Phase.UP, List.of(), Duration.ZERO);
    DeploymentFailedException error = new DeploymentFailedException("shop/dev/storage",
        "Scope shop/dev/storage failed: quota exceeded.", new IllegalStateException(), result);
    assertThatThrownBy(() -> translator.translate(error))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("alchemy:up of shop/dev failed. Scope shop/dev/storage failed: quota"
            + " exceeded.");
  }

  @Test
  void heldLockAndCorruptStateAreFailuresWithTheCoreMessage() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new StateLockedException("locked; wait")))
        .isInstanceOf(MojoFailureException.class).hasMessage("locked; wait");
    assertThatThrownBy(() -> translator.translate(new CorruptStateException("corrupt", null)))
        .isInstanceOf(MojoFailureException.class).hasMessage("corrupt");
  }

  @Test
  void stateInputOutputIsAnExecutionErrorNamingTheFolder() throws Exception {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    MojoExecutionException e = translator.translate(new StateException("Cannot write."));
    assertThat(e).hasMessage("Cannot write. (state folder: /p/target/alchemy/state, set with"
        + " -Dalchemy.stateDir or <stateDir>)");
  }

  @Test
  void unresolvedClasspathIsAnExecutionError() throws Exception {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    MojoExecutionException e = translator.translate(
        new DependencyResolutionRequiredException(null));
    assertThat(e).hasMessageStartingWith("alchemy:up could not get the project's runtime"
        + " classpath");
  }

  @Test
  void anythingElseIsReportedAsABugWithItsType() throws Exception {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    MojoExecutionException e = translator.translate(new NullPointerException("x is null"));
    assertThat(e).hasMessage("alchemy:up failed unexpectedly: java.lang.NullPointerException:"
        + " x is null. This is probably a bug in Alchemy; run again with -e for the stack trace"
        + " and report it.");
  }
}
