package io.alchemy.core.credentials;

import io.alchemy.core.secret.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * How PostgreSQL providers reach a server as an administrator.
 *
 * @param host the server's host name
 * @param port its port, usually 5432
 * @param database the database to connect to for administration, usually {@code postgres}
 * @param username an administrator role
 * @param password its password; {@code null} for servers that trust the connection
 */
public record PostgresCredentials(
    String host, int port, String database, String username, Secret password)
    implements RecordableCredential {

  /** Checks the required parts. */
  public PostgresCredentials {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(username, "username");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a PostgreSQL port must be 1 to 65535, not " + port);
    }
  }

  /** The JDBC URL of {@code databaseName} on this server. */
  public String jdbcUrl(String databaseName) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + databaseName;
  }

  /** A copy pointing at another server, e.g. for a child scope. */
  public PostgresCredentials withHost(String host, int port) {
    return new PostgresCredentials(host, port, database, username, password);
  }

  /** Records the server (host, port, administration database); never the user or password. */
  @Override
  public Map<String, String> settings() {
    return Map.of("host", host, "port", Integer.toString(port), "database", database);
  }

  /** A copy on the recorded server, logging in as this one does. */
  @Override
  public PostgresCredentials withSettings(Map<String, String> settings) {
    String recordedHost = settings.getOrDefault("host", host);
    int recordedPort = settings.containsKey("port") ? Integer.parseInt(settings.get("port")) : port;
    return new PostgresCredentials(recordedHost, recordedPort,
        settings.getOrDefault("database", database), username, password);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PostgresCredentials[" + username + "@" + host + ":" + port + "/" + database + "]";
  }
}
