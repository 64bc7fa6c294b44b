package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
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
    assertThat(log.lines).containsExactly("INFO Skipping alchemy:up because alchemy.skip is set.");
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
  @InjectMojo(goal = "up", pom = PLAIN)
  @MojoParameter(name = "lockTimeout", value = "10 minutes")
  void lockTimeoutMustBeAnIsoDuration(UpMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("The lock timeout '10 minutes' (from <lockTimeout> in the"
            + " alchemy-maven-plugin configuration) is not an ISO-8601 duration of zero or more."
            + " Use e.g. -Dalchemy.lockTimeout=PT10M (ten minutes), PT30S, or PT0S to fail at"
            + " once.");
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
}
