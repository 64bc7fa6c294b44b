package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The goals' configuration handling, with the Maven Plugin Testing Harness: parameters come from
 * fixture POMs under {@code src/test/resources/unit/} and from {@code @MojoParameter}. Running a
 * definition is left to the invoker ITs in {@code src/it}.
 */
@MojoTest
class MojoConfigurationTest {

  private static final String CONFIGURED = "src/test/resources/unit/configured/pom.xml";
  private static final String PLAIN = "src/test/resources/unit/plain/pom.xml";
  private static final String CREDENTIALS = "src/test/resources/unit/credentials/pom.xml";

  @Test
  @InjectMojo(goal = "up", pom = CONFIGURED)
  @MojoParameter(name = "skip", value = "true")
  void skipLogsOneLineAndDoesNothing(UpMojo mojo) throws Exception {
    RecordingLog log = new RecordingLog(false);
    mojo.setLog(log);
    mojo.execute();
    assertThat(log.lines).filteredOn(line -> !line.startsWith("DEBUG"))
        .containsExactly("INFO Skipping alchemy:up because alchemy.skip is set.");
  }

  @Test
  @InjectMojo(goal = "destroy", pom = CONFIGURED)
  void invalidStageFromThePomIsRejectedWithWhereItCameFrom(DestroyMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The stage name 'a/b' contains '/'.")
        .hasMessageContaining("The stage 'a/b' came from <stage> in the alchemy-maven-plugin"
            + " configuration");
  }

  @Test
  @InjectMojo(goal = "read", pom = PLAIN)
  @MojoParameter(name = "app", value = "my:app")
  void invalidAppIsRejected(ReadMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("The app name 'my:app' came from <app> in the"
            + " alchemy-maven-plugin configuration");
  }

  @Test
  @InjectMojo(goal = "up", pom = PLAIN)
  void validDefaultsReachTheDefinitionLookup(UpMojo mojo) {
    // The default app (the artifactId) and stage pass; the empty classpath has no definition.
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("No InfrastructureDefinition class was named, and none is"
            + " registered")
        .hasMessageContaining("-Dalchemy.definition=com.example.Infrastructure, or"
            + " <definition>com.example.Infrastructure</definition> in the alchemy-maven-plugin"
            + " <configuration>");
  }

  @Test
  @InjectMojo(goal = "plan", pom = CONFIGURED)
  @MojoParameter(name = "skip", value = "true")
  void planSkipLogsOneLineAndDoesNothing(PlanMojo mojo) throws Exception {
    RecordingLog log = new RecordingLog(false);
    mojo.setLog(log);
    mojo.execute();
    assertThat(log.lines).filteredOn(line -> !line.startsWith("DEBUG"))
        .containsExactly("INFO Skipping alchemy:plan because alchemy.skip is set.");
  }

  @Test
  @InjectMojo(goal = "plan", pom = PLAIN)
  @MojoParameter(name = "app", value = "shop")
  @MojoParameter(name = "replace", value = " shop/dev/config ,shop/dev/site/page")
  @MojoParameter(name = "planFile", value = "target/alchemy/plan.json")
  void planWithGoodParametersReachesTheDefinitionLookup(PlanMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("No InfrastructureDefinition class was named");
  }

  @Test
  @InjectMojo(goal = "plan", pom = PLAIN)
  @MojoParameter(name = "watch", value = "true")
  void planRefusesToWatch(PlanMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("alchemy:plan does not watch:");
  }

  @Test
  @InjectMojo(goal = "up", pom = PLAIN)
  @MojoParameter(name = "lockTimeout", value = "10 minutes")
  void lockTimeoutMustBeAnIsoDuration(UpMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("The lock timeout '10 minutes' (from <lockTimeout> in the"
            + " alchemy-maven-plugin configuration) is neither an ISO-8601 duration nor a number"
            + " of seconds, of zero or more. Use e.g. -Dalchemy.lockTimeout=PT10M (ten minutes),"
            + " 600 (seconds), or 0 to fail at once.");
  }

  @Test
  @InjectMojo(goal = "destroy", pom = PLAIN)
  @MojoParameter(name = "watch", value = "true")
  void destroyRefusesToWatch(DestroyMojo mojo) {
    RecordingLog log = new RecordingLog(false);
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("alchemy:destroy does not watch: watch mode redeploys after every change,"
            + " which only alchemy:up (and alchemy:dev, locally) do. Remove alchemy.watch (set by"
            + " <watch> in the alchemy-maven-plugin configuration) for alchemy:destroy. Nothing"
            + " was run or written.");
    // Refused before anything is opened or loaded.
    assertThat(log.lines).isEmpty();
  }

  @Test
  @InjectMojo(goal = "read", pom = PLAIN)
  @MojoParameter(name = "watch", value = "true")
  void readRefusesToWatch(ReadMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("alchemy:read does not watch:");
  }

  @Test
  @InjectMojo(goal = "up", pom = PLAIN)
  @MojoParameter(name = "lockTimeout", value = "-PT1S")
  void negativeLockTimeoutIsRejected(UpMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The lock timeout '-PT1S'");
  }

  @Test
  @InjectMojo(goal = "up", pom = PLAIN)
  @MojoParameter(name = "parallelism", value = "0")
  void parallelismBelowOneIsRejected(UpMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("The parallelism '0' (from <parallelism> in the alchemy-maven-plugin"
            + " configuration) is below 1. It is how many provider calls (and deletions) run at"
            + " once: use a whole number of 1 or more, e.g. -Dalchemy.parallelism=10 (the"
            + " default) or <parallelism>10</parallelism>, or 1 to run everything one at a time,"
            + " in the order written. Nothing was run or written.");
  }

  @Test
  @InjectMojo(goal = "dev", pom = PLAIN)
  @MojoParameter(name = "parallelism", value = " 1 ")
  void parallelismOfOneIsAccepted(DevMojo mojo) throws Exception {
    String given = MojoExtension.getVariableValueFromObject(mojo, "parallelism");
    assertThat(mojo.parameters().parallelism(given)).isEqualTo(1);
  }

  @Test
  @InjectMojo(goal = "read", pom = PLAIN)
  void parallelismDefaultsToTen(ReadMojo mojo) throws Exception {
    assertThat(mojo.parameters().parallelism(mojo.parallelism())).isEqualTo(10);
  }

  @Test
  @InjectMojo(goal = "up", pom = PLAIN)
  @MojoParameter(name = "password", value = "app-pw-1234")
  @MojoParameter(name = "passwordServerId", value = "alchemy-prod")
  void passwordAndPasswordServerIdTogetherAreRejected(UpMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("Both password (from <password> in the alchemy-maven-plugin"
            + " configuration) and passwordServerId (from <passwordServerId> in the"
            + " alchemy-maven-plugin configuration) are set: use one or the other.")
        .hasMessageNotContaining("app-pw-1234");
  }

  @Test
  @InjectMojo(goal = "destroy", pom = PLAIN)
  @MojoParameter(name = "passwordServerId", value = "alchemy-prod")
  void passwordServerIdNamingNoServerIsRejected(DestroyMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The passwordServerId from <passwordServerId> in the"
            + " alchemy-maven-plugin configuration names the server 'alchemy-prod', but"
            + " settings.xml has no <server> with that id");
  }

  @Test
  @InjectMojo(goal = "up", pom = CREDENTIALS)
  void awsServerIdWithKeysIsRejected(UpMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("Both <credentials><aws><serverId> and <credentials><aws>"
            + "<accessKeyId>/<secretAccessKey> are set in the alchemy-maven-plugin"
            + " configuration: use one or the other. Prefer serverId.")
        .hasMessageNotContaining("AKIAUNIT");
  }

  @Test
  @InjectMojo(goal = "up", pom = PLAIN)
  @MojoParameter(name = "lockTimeout", value = "600")
  void lockTimeoutInSecondsIsAccepted(UpMojo mojo) {
    // Past the lock timeout, the run reaches the definition lookup.
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("No InfrastructureDefinition class was named");
  }

  @Test
  @InjectMojo(goal = "up", pom = PLAIN)
  @MojoParameter(name = "backend", value = "mongodb")
  void unknownBackendListsTheChoicesBeforeAnythingRuns(UpMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("The state backend 'mongodb' (from <backend> in the alchemy-maven-plugin"
            + " configuration) is not one of filesystem, postgres, s3. Choose one with"
            + " -Dalchemy.backend=postgres or <backend> in the alchemy-maven-plugin"
            + " configuration. Nothing was run or written.");
  }

  @Test
  @InjectMojo(goal = "read", pom = PLAIN)
  @MojoParameter(name = "backend", value = "postgres")
  void postgresBackendWithoutUrlSaysHowToSetIt(ReadMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The postgres state backend (from <backend> in the"
            + " alchemy-maven-plugin configuration) needs <postgres><jdbcUrl>, which is not set.");
  }

  @Test
  @InjectMojo(goal = "unlock", pom = PLAIN)
  @MojoParameter(name = "app", value = "shop")
  void unlockOfAStageNobodyHoldsSaysSo(UnlockMojo mojo) throws Exception {
    RecordingLog log = new RecordingLog(false);
    mojo.setLog(log);
    mojo.execute();
    assertThat(log.lines).singleElement().asString()
        .startsWith("INFO Stage shop/dev is not locked (filesystem state in ")
        .endsWith("): nothing to unlock.");
  }

  @Test
  @InjectMojo(goal = "unlock", pom = PLAIN)
  @MojoParameter(name = "app", value = "shop")
  @MojoParameter(name = "lockId", value = "6f1c-not-held")
  void unlockWithAnIdOfNoLockFailsWithTheStoresMessage(UnlockMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith("Stage shop/dev is not locked (lock file ")
        .hasMessageContaining(", set with -Dalchemy.stateDir or <stateDir>)");
  }

  @Test
  @InjectMojo(goal = "migrate-state", pom = PLAIN)
  void migrateStateNeedsASource(MigrateStateMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("alchemy:migrate-state needs the backend to copy from, which is not set. Name"
            + " it with -Dalchemy.migrate.from=filesystem (or postgres, s3) or <migrateFrom> in"
            + " the alchemy-maven-plugin configuration; the target is the configured backend"
            + " (-Dalchemy.backend). Nothing was run or written.");
  }

  @Test
  @InjectMojo(goal = "migrate-state", pom = PLAIN)
  @MojoParameter(name = "migrateFrom", value = "filesystem")
  void migrateStateRefusesToCopyAFolderOntoItself(MigrateStateMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The folder to copy from and the target folder are both ")
        .hasMessageEndingWith("(<migrateFromStateDir> came from its default, the stateDir.)"
            + " Nothing was run or written.");
  }

  @Test
  @InjectMojo(goal = "migrate-state", pom = PLAIN)
  @MojoParameter(name = "migrateFrom", value = "s3")
  @MojoParameter(name = "backend", value = "S3")
  void migrateStateBetweenTwoBucketsGoesThroughAFolder(MigrateStateMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The backend to copy from and the configured backend are both"
            + " s3, and one <s3> block configures both.");
  }

  @Test
  @InjectMojo(goal = "migrate-state", pom = PLAIN)
  @MojoParameter(name = "app", value = "shop")
  @MojoParameter(name = "migrateFrom", value = "filesystem")
  @MojoParameter(name = "migrateFromStateDir", value = "target/no-such-state")
  void migrateStateOfAStageWithoutStateFails(MigrateStateMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("Stage shop/dev has no state in ")
        .hasMessageContaining("(copying from the state folder: ")
        .hasMessageContaining("no-such-state, set with -Dalchemy.migrate.fromStateDir or"
            + " <migrateFromStateDir>; to the state folder: ");
  }
}
