package io.alchemy.maven;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's own version, for messages that tell a user which module version to add. */
final class PluginVersion {

  private static final String POM_PROPERTIES =
      "/META-INF/maven/io.alchemy/alchemy-maven-plugin/pom.properties";

  private PluginVersion() {}

  /** The version the jar was built as, or a placeholder outside a built jar (tests). */
  static String get() {
    try (InputStream in = PluginVersion.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "${alchemy.version}");
      }
    } catch (IOException unreadable) {
      // the placeholder below still tells the user what to write
    }
    return "${alchemy.version}";
  }
}
