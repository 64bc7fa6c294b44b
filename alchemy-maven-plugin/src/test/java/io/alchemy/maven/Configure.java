package io.alchemy.maven;

import java.io.File;
import java.io.StringReader;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.ConfigurationListener;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;

/**
 * Configures an object from a {@code <configuration>} XML text the way Maven configures a goal,
 * with expressions left as they are (as Maven leaves one it cannot resolve).
 */
final class Configure {

  /** What a goal's parameters look like to the configurator. */
  static final class Parameters {
    SecretParameter password;
    String passwordServerId;
    CredentialsConfiguration credentials;
    PostgresStateConfiguration postgres;
    S3StateConfiguration s3;
  }

  private Configure() {}

  static <T> T configure(BasicComponentConfigurator configurator, T target, String xml,
      ConfigurationListener listener) throws Exception {
    XmlPlexusConfiguration configuration = new XmlPlexusConfiguration(
        Xpp3DomBuilder.build(new StringReader("<configuration>" + xml + "</configuration>")));
    ExpressionEvaluator asWritten = new ExpressionEvaluator() {
      @Override
      public Object evaluate(String expression) {
        return expression;
      }

      @Override
      public File alignToBaseDirectory(File file) {
        return file;
      }
    };
    ClassWorld world = new ClassWorld("test", Configure.class.getClassLoader());
    configurator.configureComponent(target, configuration, asWritten, world.getRealm("test"),
        listener);
    return target;
  }

  /** {@code xml} configured into fresh {@link Parameters} by the goals' own configurator. */
  static Parameters parameters(String xml) throws Exception {
    return configure(new MaskingConfigurator(), new Parameters(), xml, null);
  }
}
