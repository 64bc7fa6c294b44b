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
import io.alchemy.core.plan.PlanMismatchException;
import io.alchemy.core.secret.WrongPasswordException;
import io.alchemy.maven.ConfigurationProblem.Conflict;
import io.alchemy.maven.ConfigurationProblem.Incomplete;
import io.alchemy.maven.ConfigurationProblem.IncompleteServer;
import io.alchemy.maven.ConfigurationProblem.NoSuchServer;
import io.alchemy.maven.ConfigurationProblem.UndecryptableServer;
import io.alchemy.maven.ConfigurationProblem.Invalid;
import io.alchemy.maven.ConfigurationProblem.Missing;
import io.alchemy.maven.ConfigurationProblem.UnknownChoice;
import io.alchemy.maven.ConfigurationProblem.Unresolved;
import java.io.IOException;
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import io.alchemy.core.state.LockInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class FailureTranslatorTest {

  private static GoalSettings settings(String app, String stage, String definition) {
    return settings(app, stage, definition, null);
  }

  private static GoalSettings settings(String app, String stage, String definition,
      String passwordOrigin) {
    return new GoalSettings("up", app, "<app> in the alchemy-maven-plugin configuration", stage,
        "-Dalchemy.stage on the command line", Path.of("/p/target/alchemy/state"), definition,
        "-Dalchemy.definition on the command line", Path.of("/p"), passwordOrigin,
        Path.of("/p/target/ci/events.jsonl"),
        GoalSettings.fileSystemNote(Path.of("/p/target/alchemy/state")), null, null);
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
            + " choose another with -Dalchemy.stage=a-b or <stage> in the alchemy-maven-plugin"
            + " configuration. Nothing was run or written.");
  }

  @Test
  void aStageWithASlashSuggestsTheSameNameWithADash() {
    FailureTranslator translator = new FailureTranslator(
        settings("shop", "feature/login", null));
    assertThatThrownBy(() -> translator.translate(invalidName("shop", "feature/login")))
        .hasMessageContaining("e.g. 'feature-login'.")
        .hasMessageContaining("choose another with -Dalchemy.stage=feature-login or <stage>");
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
  void aHeldLockSaysHowToWaitAndUnlockInMavenWords() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "prod", null));
    LockInfo holder = LockInfo.forThisProcess();
    StateLockedException locked = new StateLockedException("shop/prod", holder, "lock table",
        "Its session ends with it.", true, Duration.ZERO);
    assertThatThrownBy(() -> translator.translate(locked))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("set a lockTimeout (-Dalchemy.lockTimeout=PT10M) so that runs of one"
            + " stage queue and proceed in turn. Its session ends with it. If that run crashed,"
            + " release its lock with: mvn alchemy:unlock -Dalchemy.stage=prod -Dalchemy.lockId="
            + holder.lockId())
        .hasMessageNotContaining("Alchemy.builder()")
        .hasCause(locked);
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

  @Test
  void passwordAndServerIdTogetherSayUseOneOrTheOther() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new Conflict(
        "password", "-Dalchemy.password on the command line", "passwordServerId",
        "<passwordServerId> in the alchemy-maven-plugin configuration", "passwordServerId"))))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Both password (from -Dalchemy.password on the command line) and"
            + " passwordServerId (from <passwordServerId> in the alchemy-maven-plugin"
            + " configuration) are set: use one or the other. Prefer passwordServerId. Keep the"
            + " secret in settings.xml, encrypted with mvn --encrypt-password. Nothing was run or"
            + " written.")
        // Maven would append a cause's own text to the message shown.
        .hasNoCause();
  }

  @Test
  void conflictInOneBlockNamesTheBlockOnce() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    String where = "the alchemy-maven-plugin configuration of profile 'prod'";
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new Conflict(
        "<credentials><aws><serverId>", where, "<credentials><aws><accessKeyId>/<secretAccessKey>",
        where, "serverId"))))
        .hasMessageStartingWith("Both <credentials><aws><serverId> and <credentials><aws>"
            + "<accessKeyId>/<secretAccessKey> are set in the alchemy-maven-plugin configuration"
            + " of profile 'prod': use one or the other. Prefer serverId.");
  }

  @Test
  void missingServerNamesTheIdTheSettingsFilesAndTheFix() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new NoSuchServer(
        "alchemy-prod", "passwordServerId from -Dalchemy.passwordServerId on the command line",
        "/home/me/.m2/settings.xml", "<password>...</password>"))))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("The passwordServerId from -Dalchemy.passwordServerId on the command line"
            + " names the server 'alchemy-prod', but settings.xml has no <server> with that id"
            + " (settings read: /home/me/.m2/settings.xml). Add <server><id>alchemy-prod</id>"
            + "<password>...</password></server> to the <servers> of your settings.xml"
            + " (~/.m2/settings.xml, or the file given with mvn -s), the secret encrypted with mvn"
            + " --encrypt-password. Nothing was run or written.");
  }

  @Test
  void undecryptableServerPointsAtTheMasterPassword() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(
        new UndecryptableServer("alchemy-prod", "passwordServerId from <passwordServerId>",
            "Failed to decrypt password for server alchemy-prod: bad master"))))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The <server> 'alchemy-prod' of settings.xml (named by"
            + " passwordServerId from <passwordServerId>) cannot be decrypted: Failed to decrypt"
            + " password for server alchemy-prod: bad master. Make sure the master password in"
            + " ~/.m2/settings-security.xml (or the file given with -Dsettings.security)");
  }

  @Test
  void incompleteServerAndBlockSayWhatIsMissing() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new IncompleteServer(
        "aws-prod", "<credentials><aws><serverId> in the POM", "<username>",
        "for AWS, its <username> is the access key id"))))
        .hasMessage("The <server> 'aws-prod' of settings.xml (named by <credentials><aws>"
            + "<serverId> in the POM) has no <username>: for AWS, its <username> is the access key"
            + " id. Nothing was run or written.");
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new Incomplete(
        "<credentials><aws>", "the POM", "<accessKeyId>", "<secretAccessKey>", "set both"))))
        .hasMessageStartingWith("<credentials><aws> in the POM sets <accessKeyId> but not"
            + " <secretAccessKey>: set both. (A value given as ${env.NAME} is empty when that"
            + " environment variable is not set.)");
  }

  @Test
  void unresolvedExpressionIsNamed() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new Unresolved(
        "<credentials><aws><region>", "the POM", "${env.REGION}"))))
        .hasMessage("<credentials><aws><region> in the POM contains ${env.REGION}, which Maven"
            + " could not resolve: set the environment variable or property it names. Nothing was"
            + " run or written.");
  }

  @Test
  void unknownBackendListsTheChoices() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new UnknownChoice(
        "The state backend", "mongodb", "-Dalchemy.backend on the command line",
        List.of("filesystem", "postgres", "s3"), "-Dalchemy.backend=postgres or <backend> in"
            + " the alchemy-maven-plugin configuration"))))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("The state backend 'mongodb' (from -Dalchemy.backend on the command line) is"
            + " not one of filesystem, postgres, s3. Choose one with -Dalchemy.backend=postgres or"
            + " <backend> in the alchemy-maven-plugin configuration. Nothing was run or written.");
  }

  @Test
  void missingAndInvalidSettingsSayWhatAndWhere() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new Missing(
        "The s3 state backend (from the <alchemy.backend> property of the POM or an active"
            + " profile)", "<s3><bucket>", "Set <bucket>b</bucket>."))))
        .hasMessage("The s3 state backend (from the <alchemy.backend> property of the POM or an"
            + " active profile) needs <s3><bucket>, which is not set. Set <bucket>b</bucket>."
            + " Nothing was run or written.");
    assertThatThrownBy(() -> translator.translate(new ConfigurationProblem(new Invalid(
        "<postgres><jdbcUrl>", "-Dalchemy.postgres.jdbcUrl on the command line",
        "The PostgreSQL state URL jdbc:mysql://db does not start with jdbc:postgresql:."))))
        .hasMessage("The PostgreSQL state URL jdbc:mysql://db does not start with"
            + " jdbc:postgresql:. (<postgres><jdbcUrl> came from -Dalchemy.postgres.jdbcUrl on the"
            + " command line.) Nothing was run or written.");
  }

  @Test
  void stateProblemsOfARemoteBackendNameItsSettings() throws Exception {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null)
        .withStateNote("postgres state backend at jdbc:postgresql://db/infra: jdbcUrl from"
            + " -Dalchemy.postgres.jdbcUrl on the command line; user and password from"
            + " settings.xml server 'infra-db'"));
    assertThat(translator.translate(new StateException("Cannot connect.")))
        .hasMessage("Cannot connect. (postgres state backend at jdbc:postgresql://db/infra:"
            + " jdbcUrl from -Dalchemy.postgres.jdbcUrl on the command line; user and password"
            + " from settings.xml server 'infra-db')");
  }

  @Test
  void wrongPasswordSaysWhereThePasswordCameFrom() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null,
        "settings.xml server 'alchemy-prod' (named by -Dalchemy.passwordServerId on the command"
            + " line)"));
    assertThatThrownBy(() -> translator.translate(new WrongPasswordException(
        "Wrong password for the app shop: it does not decrypt the secrets.")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Wrong password for the app shop: it does not decrypt the secrets. The app"
            + " password of this run came from settings.xml server 'alchemy-prod' (named by"
            + " -Dalchemy.passwordServerId on the command line).");
  }

  @Test
  void missingPasswordInADeploymentListsTheWaysToSetOne() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    RunResult result = new RunResult("shop", "dev", Phase.UP, List.of(), Duration.ZERO);
    DeploymentFailedException error = new DeploymentFailedException("shop/dev",
        "Scope shop/dev failed: Resource shop/dev/key holds a secret, but no password is"
            + " configured.", new WrongPasswordException("no password"), result);
    assertThatThrownBy(() -> translator.translate(error))
        .hasMessageEndingWith("holds a secret, but no password is configured. No app password"
            + " was configured for this run: neither <password> (-Dalchemy.password), nor"
            + " <passwordServerId> (-Dalchemy.passwordServerId), nor the ALCHEMY_PASSWORD"
            + " environment variable is set.");
  }

  @Test
  void refusedPlanNamesTheFileListsTheDifferencesAndTheMavenCommands() {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null)
        .withApprovedPlan(Path.of("/p/target/alchemy/plan.json"),
            "-Dalchemy.plan on the command line"));
    List<String> differences = List.of("the state changed since the plan was made");
    PlanMismatchException error = new PlanMismatchException("The approved plan is not what up"
        + " would do now, so nothing was changed:\n  - " + differences.get(0) + "\nMake a new"
        + " plan, review it, and apply that one.", differences);
    assertThatThrownBy(() -> translator.translate(error))
        .isInstanceOf(MojoFailureException.class)
        .hasCause(error)
        .hasMessage("alchemy:up of shop/dev refused the approved plan"
            + " /p/target/alchemy/plan.json (from -Dalchemy.plan on the command line). The"
            + " approved plan is not what up would do now, so nothing was changed:\n  - the"
            + " state changed since the plan was made\nMake a new plan, review it, and apply"
            + " that one. With Maven: mvn alchemy:plan -Dalchemy.planFile=/p/target/alchemy/"
            + "plan.json makes a new plan; once it is reviewed, mvn alchemy:up"
            + " -Dalchemy.plan=/p/target/alchemy/plan.json applies it.");
  }

  @Test
  void unwritableEventsFileIsAnExecutionErrorNamingTheFile() throws Exception {
    FailureTranslator translator = new FailureTranslator(settings("shop", "dev", null));
    MojoExecutionException e = translator.translate(new IOException("Permission denied"));
    assertThat(e).hasMessage("alchemy:up cannot write the events file"
        + " /p/target/ci/events.jsonl: Permission denied. Set a writable path with"
        + " -Dalchemy.eventsFile or <eventsFile>.");
  }
}
