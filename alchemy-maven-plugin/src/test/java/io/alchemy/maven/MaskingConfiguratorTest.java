package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.DebugConfigurationListener;
import org.codehaus.plexus.DefaultContainerConfiguration;
import org.codehaus.plexus.DefaultPlexusContainer;
import org.codehaus.plexus.PlexusConstants;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.logging.AbstractLogger;
import org.codehaus.plexus.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn -X} prints while it configures a goal: Maven's own {@link
 * DebugConfigurationListener}, fed by the goals' configurator, never sees a secret's value.
 */
class MaskingConfiguratorTest {

  private static final String XML = "<password>app-pw-1234</password>"
      + "<passwordServerId>alchemy-prod</passwordServerId>"
      + "<credentials><aws><region>us-east-1</region><accessKeyId>AKIAEXAMPLE</accessKeyId>"
      + "<secretAccessKey>wJalrXUtnFEMI-secret</secretAccessKey></aws>"
      + "<postgres><host>db</host><username>admin</username><password>pg-admin-pw-31</password>"
      + "</postgres></credentials>"
      + "<postgres><jdbcUrl>jdbc:postgresql://db/infra</jdbcUrl><username>ci</username>"
      + "<password>pg-state-pw-77</password></postgres>"
      + "<s3><bucket>team-state</bucket><accessKeyId>AKIASTATEKEY</accessKeyId>"
      + "<secretAccessKey>s3-state-secret-99</secretAccessKey></s3>";

  /** A Plexus logger that keeps its debug lines. */
  static final class RecordingLogger extends AbstractLogger {
    final List<String> lines = new ArrayList<>();

    RecordingLogger() {
      super(Logger.LEVEL_DEBUG, "test");
    }

    @Override public void debug(String message, Throwable t) { lines.add(message); }
    @Override public void info(String message, Throwable t) { lines.add(message); }
    @Override public void warn(String message, Throwable t) { lines.add(message); }
    @Override public void error(String message, Throwable t) { lines.add(message); }
    @Override public void fatalError(String message, Throwable t) { lines.add(message); }
    @Override public Logger getChildLogger(String name) { return this; }
  }

  @Test
  void debugOutputShowsSecretParametersMasked() throws Exception {
    RecordingLogger logger = new RecordingLogger();
    Configure.Parameters parameters = Configure.configure(new MaskingConfigurator(),
        new Configure.Parameters(), XML, new DebugConfigurationListener(logger));

    assertThat(parameters.password.reveal()).isEqualTo("app-pw-1234");
    assertThat(parameters.passwordServerId).isEqualTo("alchemy-prod");
    assertThat(String.join("\n", logger.lines))
        .contains("(f) password = ****")
        .contains("(f) passwordServerId = alchemy-prod")
        .contains("secretAccessKey = ****")
        .doesNotContain("app-pw-1234")
        .doesNotContain("wJalrXUtnFEMI-secret")
        .doesNotContain("AKIAEXAMPLE")
        .doesNotContain("pg-admin-pw-31")
        .doesNotContain("pg-state-pw-77")
        .doesNotContain("AKIASTATEKEY")
        .doesNotContain("s3-state-secret-99");
    assertThat(parameters.postgres.toString()).contains("password=****");
  }

  @Test
  void mavensDefaultConfiguratorWouldPrintTheValueWhichIsWhyTheGoalsUseTheirOwn()
      throws Exception {
    RecordingLogger logger = new RecordingLogger();
    Configure.Parameters parameters = Configure.configure(new BasicComponentConfigurator(),
        new Configure.Parameters(), XML, new DebugConfigurationListener(logger));

    // SecretParameter.set(String) still receives the value (the testing harness relies on it)...
    assertThat(parameters.password.reveal()).isEqualTo("app-pw-1234");
    // ...but Maven's listener is told the plain text on the way.
    assertThat(String.join("\n", logger.lines)).contains("app-pw-1234");
  }

  /**
   * The goals name their configurator by hint; Maven looks it up in a Plexus container as it does
   * here (with index scanning, as Maven runs). It comes from META-INF/plexus/components.xml, which
   * every Maven 3 reads, not from a Sisu index, which Maven before 3.9 reads with a class scanner
   * that skips classes compiled for Java 17 (so the plugin has no such index).
   */
  @Test
  void mavenFindsTheConfiguratorByTheGoalsHint() throws Exception {
    DefaultPlexusContainer container = new DefaultPlexusContainer(
        new DefaultContainerConfiguration().setClassPathScanning(PlexusConstants.SCANNING_INDEX));
    try {
      assertThat(container.lookup(ComponentConfigurator.class, MaskingConfigurator.ID))
          .isInstanceOf(MaskingConfigurator.class);
    } finally {
      container.dispose();
    }
    Path pluginClasses = Path.of(
        MaskingConfigurator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(pluginClasses.resolve("META-INF/sisu/javax.inject.Named")).doesNotExist();
  }

  @Test
  void absentElementLeavesTheParameterUnset() throws Exception {
    assertThat(Configure.parameters("<passwordServerId>x</passwordServerId>").password)
        .isNull();
  }
}
