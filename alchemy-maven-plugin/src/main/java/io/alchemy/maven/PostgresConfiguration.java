package io.alchemy.maven;

import static io.alchemy.maven.CredentialConfiguration.blankToNull;
import static io.alchemy.maven.CredentialConfiguration.checkResolved;

import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.secret.Secret;
import org.apache.maven.settings.Server;

/**
 * {@code <credentials><postgres>}: how providers of PostgreSQL resources (databases, roles) reach
 * a server as an administrator.
 *
 * <pre>{@code
 * <postgres>
 *   <host>db.example.com</host>
 *   <port>5432</port>                  <!-- default 5432 -->
 *   <database>postgres</database>      <!-- default postgres -->
 *   <serverId>pg-admin</serverId>      <!-- settings.xml: <username> = role, <password> = its password -->
 * </postgres>
 * }</pre>
 *
 * <p>Either {@code <serverId>}, or {@code <username>} with an optional {@code <password>} (e.g. as
 * {@code ${env.PG_ADMIN_PASSWORD}}; none for servers that trust the connection).
 */
public class PostgresConfiguration implements CredentialConfiguration {

  private static final String BLOCK = "<credentials><postgres>";
  private static final String SERVER_MEANING = "for PostgreSQL, its <username> is the"
      + " administrator role and its <password> that role's password";

  /** The server's host name; required. */
  private String host;

  /** Its port; default 5432. */
  private Integer port;

  /** The database to connect to for administration; default {@code postgres}. */
  private String database;

  /** The administrator role, instead of {@link #serverId}. */
  private String username;

  /** Its password, with {@link #username}; optional. */
  private SecretParameter password;

  /** A settings.xml server: username = role, password = its password. */
  private String serverId;

  /** For Maven's configurator. */
  public PostgresConfiguration() {}

  @Override
  public String element() {
    return "postgres";
  }

  @Override
  public Resolved resolve(SettingsServers servers, String where) throws ConfigurationProblem {
    checkResolved(BLOCK, "host", host, where);
    checkResolved(BLOCK, "database", database, where);
    checkResolved(BLOCK, "username", username, where);
    checkResolved(BLOCK, "serverId", serverId, where);
    checkResolved(BLOCK, "password", password == null ? null : password.reveal(), where);
    String hostName = blankToNull(host);
    if (hostName == null) {
      throw new ConfigurationProblem(new ConfigurationProblem.Missing(BLOCK + " in " + where,
          BLOCK + "<host>", "Set <host>db.example.com</host> (and <port> unless it is 5432)."));
    }
    int portNumber = port == null ? 5432 : port;
    if (portNumber < 1 || portNumber > 65535) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid(BLOCK + "<port>",
          where, "The PostgreSQL port " + portNumber + " is not a port number (1 to 65535)."));
    }
    String databaseName = blankToNull(database) == null ? "postgres" : database.trim();
    String user = blankToNull(username);
    boolean hasPassword = password != null && !password.isEmpty();
    String server = blankToNull(serverId);
    String target = hostName + ":" + portNumber + "/" + databaseName;
    if (server != null && (user != null || hasPassword)) {
      throw new ConfigurationProblem(new ConfigurationProblem.Conflict(
          BLOCK + "<serverId>", where, BLOCK + "<username>/<password>", where, "serverId"));
    }
    if (server != null) {
      String referencedBy = BLOCK + "<serverId> in " + where;
      Server decrypted = servers.server(server, referencedBy,
          "<username>ROLE</username><password>PASSWORD</password>");
      String role = SettingsServers.require(decrypted, decrypted.getUsername(), "<username>",
          referencedBy, SERVER_MEANING);
      String secret = SettingsServers.require(decrypted, decrypted.getPassword(), "<password>",
          referencedBy, SERVER_MEANING);
      return new Resolved(new PostgresCredentials(hostName, portNumber, databaseName, role,
          Secret.of(secret)), "settings.xml server '" + server + "', " + target);
    }
    if (user == null) {
      throw new ConfigurationProblem(new ConfigurationProblem.Incomplete(BLOCK, where,
          hasPassword ? "<password>" : "<host>", "<username>",
          "set <username> (and <password> unless the server trusts the connection), or"
              + " <serverId> to read both from a settings.xml server"));
    }
    return new Resolved(new PostgresCredentials(hostName, portNumber, databaseName, user,
        hasPassword ? Secret.of(password.reveal()) : null),
        "<username>" + (hasPassword ? "/<password>" : " (no password)") + ", " + target);
  }

  /** Names what is set, never the password. */
  @Override
  public String toString() {
    return "postgres[host=" + host + ", port=" + port + ", database=" + database + ", username="
        + username + ", password=" + password + ", serverId=" + serverId + "]";
  }
}
