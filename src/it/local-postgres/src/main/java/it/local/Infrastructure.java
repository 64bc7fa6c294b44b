package it.local;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.postgres.Database;
import io.alchemy.postgres.Role;
import io.alchemy.postgres.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public class Infrastructure implements InfrastructureDefinition {
  @Override
  public void define(Scope scope) throws Exception {
    Role.Output user = Role.declare(scope, "app-user", Role.props("shop_user")
        .login(true)
        .password(scope.secret("local-role-pw-93ab"))
        .build());
    Database.Output db = Database.declare(scope, "app-db",
        Database.props("shop").owner(user).build());
    // The app keeps its tables here: destroy drops them with the schema.
    Schema.declare(scope, "orders", Schema.props(db.name(), "orders").owner(user)
        .dropCascade(true).build());
    if (scope.phase() != io.alchemy.core.Phase.UP) {
      return;
    }
    // The application's own use of its local database: one row per run. It asks for the server
    // first: a run with nothing to change does not start it for the resources alone.
    scope.localServer(PostgresCredentials.class);
    long rows;
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "shop_user", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS orders.runs (at timestamptz DEFAULT now())");
      s.execute("INSERT INTO orders.runs DEFAULT VALUES");
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM orders.runs")) {
        r.next();
        rows = r.getLong(1);
      }
    }
    Path runs = Path.of("target", "out", "runs.txt");
    Files.createDirectories(runs.getParent());
    Files.writeString(runs, db.jdbcUrl() + " rows=" + rows + "\n", StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
