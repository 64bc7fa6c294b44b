package io.alchemy.postgres;

import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.secret.Secret;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the three providers share: one connection per call from the scope's {@link
 * PostgresCredentials}, statements whose failures never show a secret, and the ownership marker.
 *
 * <p>Every failure is rethrown as a new {@link SQLException} that keeps the SQLState and the
 * server's message, detail and hint, with every secret value replaced by {@code ****} and no
 * cause (a driver exception could quote what was sent).
 */
final class Pg {

  /**
   * The comment Alchemy puts on what it creates or adopts, followed by the resource's FQN. It
   * tells a re-run after a crash that an object is its own, and keeps a stale record from
   * dropping what another resource owns.
   */
  static final String MARKER_PREFIX = "Managed by Alchemy: ";

  // The driver directly, not DriverManager: a host such as Maven loads it in a child class loader.
  private static final Driver DRIVER = new org.postgresql.Driver();

  /** SQLStates this module reacts to. */
  static final String DUPLICATE_OBJECT = "42710";
  static final String DUPLICATE_DATABASE = "42P04";
  static final String DUPLICATE_SCHEMA = "42P06";
  static final String INVALID_CATALOG_NAME = "3D000";
  static final String DEPENDENT_OBJECTS = "2BP01";
  static final String OBJECT_IN_USE = "55006";
  static final String UNDEFINED_OBJECT = "42704";

  private Pg() {}

  /**
   * The credentials of the resource's scope; in local mode those of the embedded PostgreSQL of the
   * session, which never touches a deployed server.
   */
  static PostgresCredentials credentials(ResourceContext context) {
    if (context.scope().local()) {
      return context.scope().localServer(PostgresCredentials.class);
    }
    return context.scope().providerCredentials().require(PostgresCredentials.class);
  }

  /**
   * Whether a recorded object is missing from the local server: the local server of this session
   * listens on another port than the one recorded (the old port was taken), or its data was
   * deleted. Then the engine creates it again, and its outputs carry the new URL. Deployed
   * resources are never looked at here (false without a query).
   */
  static boolean goneLocally(ResourceContext context, String recordedServer,
      Callable<Boolean> exists) {
    if (!context.scope().local()) {
      return false;
    }
    try {
      return !server(context).equals(recordedServer) || !exists.call();
    } catch (Exception e) {
      return true; // the create that follows reports what is wrong
    }
  }

  /** The server the scope's credentials point at, as outputs record it: {@code host:port}. */
  static String server(ResourceContext context) {
    PostgresCredentials credentials = credentials(context);
    return credentials.host() + ":" + credentials.port();
  }

  /**
   * Refuses to delete through credentials that point at another server than the one the resource
   * was created on: an orphan of a child scope this run did not enter is deleted with the
   * credentials of the nearest scope it did enter, which may name another server.
   *
   * @param what e.g. {@code database app_db}
   * @param recorded the server the output recorded, {@code null} when unknown
   */
  static void checkServer(ResourceContext context, String what, String recorded)
      throws SQLException {
    if (context.scope().local()) {
      return; // one local server per app and stage; its port may change between sessions
    }
    String current = server(context);
    if (recorded != null && !recorded.equals(current)) {
      String scope = String.join("/", context.scope().chain());
      throw new SQLException("Not deleting " + what + ": it was created on the PostgreSQL server "
          + recorded + ", but the credentials of scope " + scope + " point at " + current
          + ". A resource of a child scope that is no longer run is deleted with the credentials"
          + " of the nearest scope that is. Run its scope once more with its own credentials and"
          + " ScopeOptions.defaults().phase(Phase.DESTROY) to delete it there, then remove the"
          + " scope. Nothing was deleted.");
    }
  }

  /** A new connection to {@code database}, with autocommit on; the caller closes it. */
  static Connection connect(ResourceContext context, String database) throws SQLException {
    PostgresCredentials credentials = credentials(context);
    String url = credentials.jdbcUrl(database);
    Properties properties = new Properties();
    properties.setProperty("user", credentials.username());
    if (credentials.password() != null) {
      properties.setProperty("password", credentials.password().reveal());
    }
    properties.setProperty("ApplicationName", "alchemy");
    properties.setProperty("connectTimeout", "15");
    try {
      Connection connection = DRIVER.connect(url, properties);
      if (connection == null) {
        throw new SQLException("the PostgreSQL driver does not accept the URL " + url);
      }
      return connection;
    } catch (SQLException e) {
      if (INVALID_CATALOG_NAME.equals(e.getSQLState())) {
        throw new SQLException("Database " + database + " does not exist on PostgreSQL at "
            + credentials.host() + ":" + credentials.port() + ".", e.getSQLState());
      }
      throw new SQLException("Cannot connect to PostgreSQL at " + url + " as "
          + credentials.username() + ": " + message(e, secrets(credentials.password()))
          + " Check the PostgresCredentials of scope " + String.join("/", context.scope().chain())
          + " (host, port, database, username, password).", e.getSQLState());
    }
  }

  /** Runs one statement; on failure says {@code shown} failed, with secrets masked. */
  static void execute(Connection connection, String sql, String shown, Secret... secrets)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw failure(shown, e, secrets);
    }
  }

  /** Runs one statement that holds no secret. */
  static void execute(Connection connection, String sql) throws SQLException {
    execute(connection, sql, sql);
  }

  /**
   * Sets a role's password without it ever being part of an SQL text: the driver hashes it on
   * this side (SCRAM-SHA-256 or MD5, as the server's {@code password_encryption} says) and sends
   * only the hash.
   */
  static void setPassword(Connection connection, String role, Secret password)
      throws SQLException {
    try {
      connection.unwrap(PGConnection.class)
          .alterUserPassword(role, password.reveal().toCharArray(), null);
    } catch (SQLException e) {
      throw failure("ALTER ROLE " + PostgresNames.quote(role) + " PASSWORD '****'", e, password);
    }
  }

  /** The first row's columns as strings, or {@code null} when there is no row. */
  static List<String> queryRow(Connection connection, String sql, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          row.add(rows.getString(i));
        }
        return row;
      }
    } catch (SQLException e) {
      throw failure(sql, e);
    }
  }

  /** The marker comment of the resource in {@code context}. */
  static String marker(ResourceContext context) {
    return MARKER_PREFIX + context.fqn();
  }

  /** {@code COMMENT ON <what> IS <marker>}, e.g. {@code what = DATABASE "app"}. */
  static void mark(Connection connection, ResourceContext context, String what)
      throws SQLException {
    execute(connection, "COMMENT ON " + what + " IS " + PostgresNames.literal(marker(context)));
  }

  /** Whether the object carries this resource's marker: Alchemy created it for this resource. */
  static boolean isOurs(ResourceContext context, String comment) {
    return marker(context).equals(comment);
  }

  /**
   * Whether a delete may drop an existing object with {@code comment}. Not when another
   * resource's marker is on it (it was adopted or created by that one since); not, when the
   * record has no output (a create that failed or crashed, perhaps on a conflict), unless this
   * resource's own marker is on it.
   */
  static boolean mayDrop(ResourceContext context, String comment, Object output) {
    if (comment != null && comment.startsWith(MARKER_PREFIX) && !isOurs(context, comment)) {
      return false;
    }
    return output != null || isOurs(context, comment);
  }

  /**
   * Refuses to import an object that carries another resource's marker. An import records the
   * object as it is and leaves its comment alone (a user's own comment stays), so the marker
   * would stay too, and {@link #mayDrop} would then keep this resource's destroy from dropping
   * it while the other record may still drop it.
   *
   * @param what e.g. {@code ROLE "legacy_app"}, as {@code COMMENT ON} names it
   * @param comment the object's comment, {@code null} when it has none
   * @throws SQLException saying who manages it and how to import it all the same
   */
  static void checkImportable(ResourceContext context, String what, String comment)
      throws SQLException {
    if (comment != null && comment.startsWith(MARKER_PREFIX) && !isOurs(context, comment)) {
      throw new SQLException("Cannot import " + what + " into " + context.fqn() + ": its comment"
          + " says Alchemy resource " + comment.substring(MARKER_PREFIX.length()) + " manages"
          + " it, and two resources must not manage one object. Manage it there, or, if that"
          + " resource is gone, remove the marker (COMMENT ON " + what + " IS NULL) and run"
          + " again. Nothing was recorded or changed.");
    }
  }

  /** A new exception saying {@code what} failed, keeping the SQLState, masking secrets. */
  static SQLException failure(String what, SQLException e, Secret... secrets) {
    return new SQLException(what + " failed: " + message(e, secrets(secrets)), e.getSQLState());
  }

  /** Like {@link #failure} with a message of the caller's own before the server's. */
  static SQLException explained(String text, SQLException e, Secret... secrets) {
    return new SQLException(text + ". PostgreSQL said: " + message(e, secrets(secrets)),
        e.getSQLState());
  }

  private static List<String> secrets(Secret... secrets) {
    List<String> values = new ArrayList<>();
    for (Secret secret : secrets) {
      if (secret != null && !secret.reveal().isEmpty()) {
        values.add(secret.reveal());
      }
    }
    return values;
  }

  /** The server's message, detail and hint (or the driver's message), secrets masked. */
  static String message(SQLException e, List<String> secrets) {
    String text;
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    if (server != null && server.getMessage() != null) {
      text = server.getMessage();
      if (server.getDetail() != null) {
        text += ". " + server.getDetail();
      }
      if (server.getHint() != null) {
        text += " Hint: " + server.getHint();
      }
    } else {
      text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    for (String secret : secrets) {
      text = text.replace(secret, "****");
    }
    text = text.strip();
    return text.endsWith(".") ? text : text + ".";
  }
}
