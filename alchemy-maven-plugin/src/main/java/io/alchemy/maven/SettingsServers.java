package io.alchemy.maven;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The {@code <server>} entries of Maven's settings.xml, decrypted with Maven's {@link
 * SettingsDecrypter} when asked for, so passwords encrypted with {@code mvn --encrypt-password}
 * work. A server that is missing or cannot be decrypted is an error, never skipped.
 */
final class SettingsServers {

  private final Settings settings;
  private final SettingsDecrypter decrypter;
  private final String settingsFiles;

  /**
   * Servers of {@code settings}.
   *
   * @param settings the build's settings; {@code null} is read as no servers
   * @param decrypter Maven's decrypter
   * @param settingsFiles the files Maven read them from, for messages
   */
  SettingsServers(Settings settings, SettingsDecrypter decrypter, String settingsFiles) {
    this.settings = settings;
    this.decrypter = decrypter;
    this.settingsFiles = settingsFiles;
  }

  /**
   * The server {@code id} with its password and passphrase decrypted.
   *
   * @param referencedBy the element that names it, with its origin, for messages
   * @param expected the elements the server needs, for the message when it is missing
   * @throws ConfigurationProblem when there is no such server or it cannot be decrypted
   */
  Server server(String id, String referencedBy, String expected) throws ConfigurationProblem {
    Server server = settings == null ? null : settings.getServer(id);
    if (server == null) {
      throw new ConfigurationProblem(new ConfigurationProblem.NoSuchServer(id, referencedBy,
          settingsFiles, expected));
    }
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    List<SettingsProblem> problems = result.getProblems();
    if (problems != null && !problems.isEmpty()) {
      throw new ConfigurationProblem(new ConfigurationProblem.UndecryptableServer(id, referencedBy,
          problems.stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "))));
    }
    return result.getServer();
  }

  /**
   * A required element of a decrypted server.
   *
   * @param value the element's value
   * @param element e.g. {@code <password>}
   * @throws ConfigurationProblem when the value is missing or empty
   */
  static String require(Server server, String value, String element, String referencedBy,
      String expected) throws ConfigurationProblem {
    if (value == null || value.isEmpty()) {
      throw new ConfigurationProblem(new ConfigurationProblem.IncompleteServer(server.getId(),
          referencedBy, element, expected));
    }
    return value;
  }
}
