package io.alchemy.maven;

import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.StateSettings;
import io.alchemy.maven.BlockSettings.Setting;
import java.util.HashMap;
import java.util.Map;
import org.apache.maven.settings.Server;

/**
 * {@code <postgres>}: where the {@code postgres} state backend keeps state.
 *
 * <pre>{@code
 * <postgres>
 *   <jdbcUrl>jdbc:postgresql://db.example.com:5432/infra</jdbcUrl>
 *   <serverId>infra-db</serverId>   <!-- settings.xml: <username> and <password> of the database user -->
 *   <schema>alchemy</schema>
 * </postgres>
 * }</pre>
 *
 * <p>Every element but {@code <password>} may also be given as a property, e.g. {@code
 * -Dalchemy.postgres.jdbcUrl=...}; an element written in the block wins. The login comes from
 * {@code <serverId>}, or from {@code <username>} and {@code <password>} (e.g. {@code
 * ${env.ALCHEMY_DB_PASSWORD}}), never both; with neither, the driver's defaults apply ({@code
 * ~/.pgpass}, the operating-system user).
 */
public class PostgresStateConfiguration {

  static final String BLOCK = "postgres";

  private static final String SERVER_MEANING = "for the postgres state backend, its <username>"
      + " is the database user and its <password> that user's password";

  /** {@code jdbc:postgresql://host:port/database}; required. */
  private String jdbcUrl;

  /** The schema of Alchemy's tables; default {@code alchemy}. */
  private String schema;

  /** The database user, instead of {@link #serverId}. */
  private String username;

  /** The user's password, instead of {@link #serverId}. */
  private SecretParameter password;

  /** A settings.xml server: username = database user, password = its password. */
  private String serverId;

  /** For Maven's configurator. */
  public PostgresStateConfiguration() {}

  /**
   * What the block and the properties say, checked.
   *
   * @param backendOrigin what needs the block, for messages, e.g. {@code The postgres state
   *     backend (from -Dalchemy.backend on the command line)}
   * @throws ConfigurationProblem when the URL is missing, the login given twice, or its server
   *     missing or incomplete (the backend checks the URL and schema when it is opened)
   */
  BackendSettings resolve(UserProperties properties, SettingsServers servers, String where,
      String backendOrigin) throws ConfigurationProblem {
    BlockSettings block = new BlockSettings(BLOCK, where, properties);
    Setting url = block.get("jdbcUrl", jdbcUrl, PropertyNames.POSTGRES_JDBC_URL);
    Setting schemaName = block.get("schema", schema, PropertyNames.POSTGRES_SCHEMA);
    Setting user = block.get("username", username, PropertyNames.POSTGRES_USERNAME);
    Setting secret = block.secret("password", password);
    Setting server = block.get("serverId", serverId, PropertyNames.POSTGRES_SERVER_ID);
    if (!url.isSet()) {
      throw new ConfigurationProblem(new ConfigurationProblem.Missing(backendOrigin,
          block.element("jdbcUrl"), "Set <jdbcUrl>jdbc:postgresql://db.example.com:5432/infra"
              + "</jdbcUrl> in the <postgres> block of " + where + ", or -D"
              + PropertyNames.POSTGRES_JDBC_URL + "=jdbc:postgresql://db.example.com:5432/infra."));
    }
    if (server.isSet() && (user.isSet() || secret.isSet())) {
      Setting other = user.isSet() ? user : secret;
      throw new ConfigurationProblem(new ConfigurationProblem.Conflict(
          block.element("serverId"), stripElement(server, block, "serverId"),
          block.element(user.isSet() ? "username" : "password"),
          stripElement(other, block, user.isSet() ? "username" : "password"), "serverId"));
    }
    String login;
    String userName = user.value();
    Secret userPassword = secret.isSet() ? Secret.of(secret.value()) : null;
    if (server.isSet()) {
      String referencedBy = block.element("serverId") + " from " + server.origin();
      Server decrypted = servers.server(server.value(), referencedBy,
          "<username>DATABASE_USER</username><password>PASSWORD</password>");
      userName = SettingsServers.require(decrypted, decrypted.getUsername(), "<username>",
          referencedBy, SERVER_MEANING);
      userPassword = Secret.of(SettingsServers.require(decrypted, decrypted.getPassword(),
          "<password>", referencedBy, SERVER_MEANING));
      login = "user and password from settings.xml server '" + server.value() + "' (named by "
          + server.origin() + ")";
    } else if (user.isSet() || secret.isSet()) {
      login = (user.isSet() ? "user from " + user.origin() : "the driver's default user")
          + (secret.isSet() ? ", password from " + secret.origin() : ", no password");
    } else {
      login = "the driver's defaults (no <serverId>, <username> or <password> configured)";
    }
    StateSettings settings = StateSettings.none().with("jdbcUrl", url.value())
        .with("schema", schemaName.value()).with("username", userName)
        .withSecret("password", userPassword);
    Map<String, String> origins = new HashMap<>();
    origins.put("jdbcUrl", url.origin());
    if (schemaName.isSet()) {
      origins.put("schema", schemaName.origin());
    }
    // The URL and schema are checked by the backend, which names the setting it refuses.
    return new BackendSettings(BLOCK, where, settings, origins, login,
        "postgres state backend at {where}: jdbcUrl from " + url.origin() + "; " + login);
  }

  /** {@code <postgres><x> in where} is shortened to {@code where} for a conflict in one block. */
  private static String stripElement(Setting setting, BlockSettings block, String name) {
    String prefix = block.element(name) + " in ";
    return setting.origin().startsWith(prefix) ? block.where() : setting.origin();
  }

  /** Names what is set, never the password. */
  @Override
  public String toString() {
    return "postgres[jdbcUrl=" + (jdbcUrl == null ? null : safe(jdbcUrl)) + ", schema=" + schema
        + ", username=" + username + ", password=" + password + ", serverId=" + serverId + "]";
  }

  private static String safe(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }
}
