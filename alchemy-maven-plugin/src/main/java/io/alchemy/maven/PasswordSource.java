package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.secret.Secret;
import org.apache.maven.settings.Server;

/**
 * Where the app password of a goal comes from: {@code password}, or the {@code <server>} of
 * settings.xml named by {@code passwordServerId}, or neither, which leaves Alchemy's default (the
 * {@value Alchemy#PASSWORD_ENV} environment variable). Both at once is an error.
 *
 * @param password the {@code password} parameter, or {@code null}
 * @param passwordOrigin where {@code password} came from
 * @param serverId the {@code passwordServerId} parameter, or {@code null}
 * @param serverIdOrigin where {@code serverId} came from
 */
record PasswordSource(
    SecretParameter password, String passwordOrigin, String serverId, String serverIdOrigin) {

  /** What a server must hold to serve as the app password. */
  static final String SERVER_ELEMENTS = "<password>...</password>";

  /** Normalizes an empty password or server id to none. */
  PasswordSource {
    password = password == null || password.isEmpty() ? null : password;
    serverId = serverId == null || serverId.isBlank() ? null : serverId.trim();
  }

  /**
   * Where the password comes from, for the log and for messages: never the password itself.
   *
   * @return e.g. {@code settings.xml server 'alchemy-prod' (passwordServerId from -D... )}, or
   *     {@code null} when no password is configured at all
   */
  String describe() {
    if (password != null && serverId != null) {
      return null;
    }
    if (password != null) {
      return passwordOrigin;
    }
    if (serverId != null) {
      return "settings.xml server '" + serverId + "' (named by " + serverIdOrigin + ")";
    }
    String env = System.getenv(Alchemy.PASSWORD_ENV);
    return env == null || env.isEmpty() ? null
        : "the " + Alchemy.PASSWORD_ENV + " environment variable";
  }

  /**
   * The configured password, decrypted when it comes from settings.xml.
   *
   * @return the password, or {@code null} when neither parameter is set (Alchemy then uses
   *     {@value Alchemy#PASSWORD_ENV})
   * @throws ConfigurationProblem when both are set, the server is missing, has no password or
   *     cannot be decrypted, or the password is an unresolved expression
   */
  Secret resolve(SettingsServers servers) throws ConfigurationProblem {
    if (password != null && serverId != null) {
      throw new ConfigurationProblem(new ConfigurationProblem.Conflict("password", passwordOrigin,
          "passwordServerId", serverIdOrigin, "passwordServerId"));
    }
    if (password != null) {
      String expression = password.unresolvedExpression();
      if (expression != null) {
        throw new ConfigurationProblem(
            new ConfigurationProblem.Unresolved("password", passwordOrigin, expression));
      }
      return Secret.of(password.reveal());
    }
    if (serverId != null) {
      String referencedBy = "passwordServerId from " + serverIdOrigin;
      Server server = servers.server(serverId, referencedBy, SERVER_ELEMENTS);
      return Secret.of(SettingsServers.require(server, server.getPassword(), "<password>",
          referencedBy, "its <password> is the app password"));
    }
    return null;
  }
}
