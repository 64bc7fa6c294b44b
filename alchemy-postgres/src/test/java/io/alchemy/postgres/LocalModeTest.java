package io.alchemy.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.PropChange;
import io.alchemy.core.secret.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode on the embedded PostgreSQL of alchemy-postgres-local (on this test class path as it
 * is on the plugin's): Role, Database and Schema are created there, never on the deployed server
 * the scope's credentials name, and the cluster outlives the session.
 */
@Timeout(180)
class LocalModeTest {

  private static PostgresServer deployed;

  @TempDir Path dir;

  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<String> jdbcUrl = new AtomicReference<>();

  @BeforeAll
  static void startDeployedServer() throws Exception {
    deployed = PostgresServer.start();
  }

  @AfterAll
  static void stopDeployedServer() throws Exception {
    if (deployed != null) {
      deployed.close();
    }
  }

  /** A role, a database it owns and a schema; then the app's own use of the database. */
  private InfrastructureDefinition definition(String sql) {
    return scope -> {
      Role.Output user = Role.declare(scope, "app-user", Role.props("local_app_user")
          .login(true).password(Secret.of("local-pw-4411")).build());
      Database.Output db = Database.declare(scope, "app-db",
          Database.props("local_app_db").owner(user).build());
      Schema.declare(scope, "reporting", Schema.props(db.name(), "reporting").owner(user).build());
      jdbcUrl.set(db.jdbcUrl());
      if (sql != null) {
        // What the application does with its local database while the session runs.
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "local_app_user", "x");
            Statement s = c.createStatement()) {
          s.execute(sql);
        }
      }
    };
  }

  private Alchemy.Builder alchemy(boolean local) {
    return Alchemy.builder().app("shop").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir).local(local).password(Secret.of("state-pw-77"))
        .credentials(ProviderCredentials.of(deployed.credentials()))
        .listener(new RunListener() {
          @Override
          public void info(String message) {
            infos.add(message);
          }
        });
  }

  private static int port(String url) {
    return URI.create(url.substring("jdbc:".length())).getPort();
  }

  @Test
  void localRunsUseAnEmbeddedServerThatKeepsItsDataBetweenSessions() throws Exception {
    RunResult first = alchemy(true).build().run(definition(
        "CREATE TABLE reporting.notes (text varchar); INSERT INTO reporting.notes VALUES ('kept')"));

    assertThat(first.created()).isEqualTo(3);
    int port = port(jdbcUrl.get());
    assertThat(port).isNotEqualTo(deployed.port());
    assertThat(deployed.databaseExists("local_app_db")).isFalse();
    assertThat(deployed.roleExists("local_app_user")).isFalse();
    assertThat(infos).anySatisfy(i -> assertThat(i)
        .startsWith("Local embedded PostgreSQL on localhost:" + port).contains("started in"));
    assertThat(infos).anySatisfy(i -> assertThat(i).contains("stopped"));
    Path data = dir.resolve("target/alchemy/local/shop/dev/postgres");
    assertThat(data.resolve("PG_VERSION")).exists();
    assertThat(data.resolve("postmaster.pid")).as("stopped at the end of the run").doesNotExist();
    assertThat(dir.resolve("target/alchemy/logs/shop/dev/postgres.log")).exists();
    assertThat(dir.resolve("state/shop/dev@local")).exists();
    assertThat(dir.resolve("state/shop/dev")).doesNotExist();

    // The next run has nothing to do: it starts no server to find that out.
    infos.clear();
    RunResult noOp = alchemy(true).build().run(definition(null));
    assertThat(noOp.unchanged()).isEqualTo(3);
    assertThat(infos).noneMatch(i -> i.startsWith("Local "));
    assertThat(port(jdbcUrl.get())).isEqualTo(port);

    // A run that uses the database itself asks for the server: same port, same cluster, nothing
    // to do; the table is still there.
    List<String> rows = new ArrayList<>();
    RunResult second = alchemy(true).build().run(scope -> {
      definition(null).define(scope);
      scope.localServer(PostgresCredentials.class);
      try (Connection c = DriverManager.getConnection(jdbcUrl.get(), "postgres", "");
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT text FROM reporting.notes")) {
        while (r.next()) {
          rows.add(r.getString(1));
        }
      }
    });
    assertThat(second.unchanged()).isEqualTo(3);
    assertThat(second.created() + second.updated()).isZero();
    assertThat(port(jdbcUrl.get())).isEqualTo(port);
    assertThat(rows).containsExactly("kept");
    assertThat(infos).anySatisfy(i -> assertThat(i)
        .startsWith("Local embedded PostgreSQL on localhost:" + port).contains("started in"));
  }

  @Test
  void aSessionKeepsOneServerForAllItsRuns() throws Exception {
    try (AlchemySession session = alchemy(true).build().openSession()) {
      session.run(definition(null));
      String url = jdbcUrl.get();
      RunResult second = session.run(definition("SELECT 1"));
      assertThat(second.unchanged()).isEqualTo(3);
      assertThat(jdbcUrl.get()).isEqualTo(url);
      // Between runs the server keeps running, as alchemy:dev needs it to.
      try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
    assertThat(infos.stream().filter(i -> i.contains("started in"))).hasSize(1);
    assertThat(infos.stream().filter(i -> i.endsWith("stopped"))).hasSize(1);
    assertThat(dir.resolve("target/alchemy/local/shop/dev/postgres/postmaster.pid"))
        .doesNotExist();
  }

  @Test
  void aTakenPortMovesTheServerAndTheOutputsFollow() throws Exception {
    alchemy(true).build().run(definition(null));
    int port = port(jdbcUrl.get());

    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      RunResult moved = alchemy(true).build().run(definition(null));
      int newPort = port(jdbcUrl.get());
      assertThat(newPort).isNotEqualTo(port);
      // Recorded on the old port: created again, which finds them and keeps them.
      assertThat(moved.created()).isEqualTo(3);
      assertThat(moved.deleted()).isZero();
    }
  }

  @Test
  void localAndDeployedStatesOfOneStageNeverSeeEachOther() throws Exception {
    alchemy(true).build().run(definition(null));
    String localUrl = jdbcUrl.get();

    RunResult up = alchemy(false).build().run(definition(null));
    assertThat(up.created()).isEqualTo(3);
    assertThat(up.deleted()).isZero();
    assertThat(port(jdbcUrl.get())).isEqualTo(deployed.port());
    assertThat(deployed.databaseExists("local_app_db")).isTrue();

    // Destroying the local stage leaves the deployed one alone, and the other way round.
    RunResult localDestroy = alchemy(true).phase(Phase.DESTROY).build().run(definition(null));
    assertThat(localDestroy.deleted()).isEqualTo(3);
    assertThat(deployed.databaseExists("local_app_db")).isTrue();
    RunResult again = alchemy(true).build().run(definition(null));
    assertThat(again.created()).as("the local database was really dropped").isEqualTo(3);
    assertThat(jdbcUrl.get()).isEqualTo(localUrl);

    alchemy(false).phase(Phase.DESTROY).build().run(definition(null));
    assertThat(deployed.databaseExists("local_app_db")).isFalse();
    assertThat(deployed.roleExists("local_app_user")).isFalse();
    assertThat(Files.exists(dir.resolve("state/shop/dev@local"))).isTrue();
  }

  @Test
  void aDatabaseDroppedByHandIsCreatedAgainByTheNextRun() throws Exception {
    alchemy(true).build().run(definition(null));
    // By hand, while alchemy:dev holds the server: the session keeps it open to such tools.
    try (AlchemySession session = alchemy(true).build().openSession()) {
      session.run(definition(null));
      try (Connection c = DriverManager.getConnection(
          jdbcUrl.get().replace("local_app_db", "postgres"), "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE local_app_db WITH (FORCE)");
      }
    }

    RunResult next = alchemy(true).build().run(definition(null));
    assertThat(next.created()).as("the database and its schema").isEqualTo(2);
    assertThat(next.unchanged()).as("the role").isEqualTo(1);

    infos.clear();
    assertThat(alchemy(true).build().run(definition(null)).unchanged()).isEqualTo(3);
    assertThat(infos).as("all found again: the next run starts nothing")
        .noneMatch(i -> i.startsWith("Local "));
  }

  @Test
  void aRefreshReadsTheEmbeddedServerAndRepairsWhatChangedThere() throws Exception {
    try (AlchemySession session = alchemy(true).build().openSession()) {
      session.run(definition(null));
      try (Connection c = DriverManager.getConnection(
          jdbcUrl.get().replace("local_app_db", "postgres"), "postgres", "");
          Statement s = c.createStatement()) {
        s.execute("ALTER ROLE local_app_user NOLOGIN");
      }
    }

    // A plan never starts the embedded server, so it reads nothing there.
    assertThat(alchemy(true).refresh(true).build().plan(definition(null)).drift()).isEmpty();

    // up reads on the embedded server, not the deployed one (where all three would be missing).
    RunResult repaired = alchemy(true).refresh(true).build().run(definition(null));
    assertThat(repaired.drift()).singleElement().satisfies(drift -> {
      assertThat(drift.fqn()).isEqualTo("shop/dev/app-user");
      assertThat(drift.kind()).isEqualTo(Drift.Kind.DRIFTED);
      assertThat(drift.changes()).extracting(PropChange::describe)
          .containsExactly("login: false -> true");
    });
    assertThat(repaired.updated()).isEqualTo(1);
    assertThat(repaired.unchanged()).isEqualTo(2);
    RunResult again = alchemy(true).refresh(true).build().run(definition(null));
    assertThat(again.drift()).isEmpty();
    assertThat(again.unchanged()).isEqualTo(3);
    assertThat(deployed.roleExists("local_app_user")).isFalse();
  }

  @Test
  void aClusterDeletedByHandIsMadeAgainWithEverythingOnIt() throws Exception {
    alchemy(true).build().run(definition(null));
    Path data = dir.resolve("target/alchemy/local/shop/dev/postgres");
    try (var files = Files.walk(data)) {
      files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    RunResult next = alchemy(true).build().run(definition(null));
    assertThat(next.created()).isEqualTo(3);
    assertThat(data.resolve("PG_VERSION")).exists();
  }
}
