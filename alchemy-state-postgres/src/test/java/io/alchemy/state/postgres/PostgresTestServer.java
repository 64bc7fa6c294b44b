package io.alchemy.state.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server for all test classes of this module that use it ({@code
 * @ExtendWith(PostgresTestServer.class)}), started before the first of them and stopped when
 * JUnit closes its root store, after the last. Tests keep apart by app name.
 */
final class PostgresTestServer implements BeforeAllCallback {

  private static EmbeddedPostgres running;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (PostgresTestServer.class) {
      if (running == null) {
        running = EmbeddedPostgres.start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .put(PostgresTestServer.class.getName(), new Stopper());
      }
    }
  }

  /** Stops the server after the last test class. */
  @SuppressWarnings("deprecation")
  private static final class Stopper implements ExtensionContext.Store.CloseableResource,
      AutoCloseable {
    @Override
    public void close() throws Exception {
      synchronized (PostgresTestServer.class) {
        if (running != null) {
          running.close();
          running = null;
        }
      }
    }
  }

  /** The {@code postgres} database, which trusts the user {@code postgres} without password. */
  static String url() {
    return "jdbc:postgresql://localhost:" + running.getPort() + "/postgres";
  }

  /** A connection as the administrator, for checks behind the store's back. */
  static Connection admin() throws SQLException {
    return DriverManager.getConnection(url(), "postgres", "");
  }
}
