package io.alchemy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.command.Command;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role, Database and Schema in a plan, with credentials naming a server that does not exist: a
 * prediction (and a plan's name check) never asks one. What up then returns is checked against a
 * real server in {@link PostgresProvidersTest}.
 */
@Timeout(60)
class PostgresPredictionsTest {

  /** Nothing listens on port 1: any connection would fail the plan. */
  private static final PostgresCredentials NOWHERE = new PostgresCredentials("db.example.com", 1,
      "postgres", "admin", Secret.of("admin-pw-0b7e"));

  @TempDir Path dir;

  private final Map<String, Object> outputs = new ConcurrentHashMap<>();

  private Alchemy.Builder alchemy() {
    return Alchemy.builder().app("my-app").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir).password(Secret.of("state-pw"))
        .credentials(ProviderCredentials.of(NOWHERE));
  }

  private Plan plan(InfrastructureDefinition definition) {
    return alchemy().build().plan(definition);
  }

  private static String unknown(String id, String field) {
    return Unknowns.marker("my-app/dev/" + id, field);
  }

  @Test
  void namesOwnersEncodingAndUrlFollowFromThePropsAndCredentials() {
    Plan plan = plan(stage -> {
      Role.Output user = Role.declare(stage, "app-user", Role.props("app_user").login(true)
          .password(stage.secret("role-pw-91c3")).build());
      Database.Output db = Database.declare(stage, "app-db", Database.props("app_db")
          .owner(user).encoding("utf-8").build());
      outputs.put("role", user);
      outputs.put("database", db);
      outputs.put("schema", Schema.declare(stage, "reporting",
          Schema.props(db, "reporting").build()));
      outputs.put("latin", Database.declare(stage, "latin", Database.props("latin_db")
          .encoding("latin1").build()));
      outputs.put("odd", Database.declare(stage, "odd", Database.props("odd_db")
          .encoding("klingon").build()));
    });
    assertThat(plan.summary()).isEqualTo("Plan for my-app/dev: 5 to create, 0 to update,"
        + " 0 to replace, 0 to delete, 0 unchanged");
    String at = "db.example.com:1";
    assertThat(outputs.get("role")).isEqualTo(new Role.Output("app_user", true, at));
    assertThat(outputs.get("database")).isEqualTo(new Database.Output("app_db", "app_user",
        "UTF8", "jdbc:postgresql://db.example.com:1/app_db", at));
    // Without an owner, the administrator the credentials name creates and owns it.
    assertThat(outputs.get("schema"))
        .isEqualTo(new Schema.Output("app_db", "reporting", "admin", at));
    assertThat(((Database.Output) outputs.get("latin")).encoding()).isEqualTo("LATIN1");
    // An encoding this provider cannot name as PostgreSQL would: unknown, not guessed.
    assertThat(((Database.Output) outputs.get("odd")).encoding())
        .isEqualTo(unknown("odd", "encoding"));
    assertThat(String.join("\n", plan.lines())).doesNotContain("role-pw-91c3")
        .doesNotContain("admin-pw-0b7e");
  }

  @Test
  void aPlanRefusesTheNamesUpRefusesBeforeAnythingIsAsked() {
    assertThatThrownBy(() -> plan(stage -> Database.declare(stage, "app-db",
        Database.props("app db").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/app-db (postgres::Database): the database"
            + " name \"app db\" cannot be used: it contains a space.");
    assertThatThrownBy(() -> plan(stage -> Role.declare(stage, "sys",
        Role.props("pg_monitor2").build())))
        .hasMessageContaining("names starting with pg_ are reserved by PostgreSQL");
    assertThatThrownBy(() -> plan(stage -> Database.declare(stage, "enc",
        Database.props("db").encoding("utf 8").build())))
        .hasMessageContaining("the encoding \"utf 8\" cannot be used");
    // Through Scope.resource, without declare: refused as create would refuse it.
    assertThatThrownBy(() -> plan(stage -> stage.resource("raw", Database.provider(),
        Database.props("1st").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("The database name \"1st\" cannot be used: it starts with '1'");
    // A bad name beside one known only after up is refused all the same.
    assertThatThrownBy(() -> plan(stage -> {
      String name = Command.declare(stage, "name", Command.props("echo", "db").build()).stdout();
      Schema.declare(stage, "s", Schema.props(name, "s".repeat(64)).build());
    })).hasMessageContaining("it is 64 bytes long");
    assertThat(dir.resolve("state")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
        p -> assertThat(p).isEmptyDirectory());
  }

  @Test
  void aNameKnownOnlyAfterUpIsNotJudgedAndFlowsIntoTheOutputs() {
    Plan plan = plan(stage -> {
      String name = Command.declare(stage, "name", Command.props("echo", "db").build()).stdout();
      outputs.put("database", Database.declare(stage, "db", Database.props(name).build()));
    });
    assertThat(plan.lines()).contains("+   create    my-app/dev/db (postgres::Database)");
    Database.Output db = (Database.Output) outputs.get("database");
    assertThat(db.name()).isEqualTo(unknown("name", "stdout"));
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:1/"
        + unknown("name", "stdout"));
    assertThat(Unknowns.print(db.jdbcUrl()))
        .isEqualTo("jdbc:postgresql://db.example.com:1/(known after up)");
  }

  @Test
  void inLocalModeAPlanStartsNoServerAndLeavesTheServerUnknown() throws Exception {
    Plan plan = alchemy().local(true).build().plan(stage -> {
      outputs.put("role", Role.declare(stage, "app-user", Role.props("app_user").build()));
      outputs.put("database", Database.declare(stage, "app-db", Database.props("app_db")
          .owner("app_user").build()));
      outputs.put("schema", Schema.declare(stage, "reporting",
          Schema.props("app_db", "reporting").build()));
    });
    assertThat(plan.summary()).startsWith("Plan for my-app/dev: 3 to create,");
    assertThat(outputs.get("role"))
        .isEqualTo(new Role.Output("app_user", false, unknown("app-user", "server")));
    assertThat(outputs.get("database")).isEqualTo(new Database.Output("app_db", "app_user",
        "UTF8", unknown("app-db", "jdbcUrl"), unknown("app-db", "server")));
    assertThat(outputs.get("schema")).isEqualTo(new Schema.Output("app_db", "reporting",
        unknown("reporting", "owner"), unknown("reporting", "server")));
    assertThat(dir.resolve("target")).as("no local server's data").satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(),
        p -> assertThat(Files.walk(p).filter(Files::isRegularFile)).isEmpty());
  }
}
