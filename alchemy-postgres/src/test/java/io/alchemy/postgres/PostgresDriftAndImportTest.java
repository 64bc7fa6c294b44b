package io.alchemy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.RunResult;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanAction;
import io.alchemy.core.plan.PlannedChange;
import io.alchemy.core.plan.PropChange;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.secret.Secret;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reads (drift) and reads by id (import) of Role, Database and Schema against a real
 * PostgreSQL server, started once for the class: objects are changed, dropped and made by hand
 * with SQL, and the reads must say exactly what the server has; then the same through whole
 * Alchemy runs, which must show it in a plan and repair or import it.
 */
@Timeout(60)
class PostgresDriftAndImportTest {

  private static final String ROLE_PASSWORD = "role-pw-4e7a10";
  private static final AtomicInteger TESTS = new AtomicInteger();

  private static PostgresServer server;

  @TempDir Path dir;

  /** Each test has its own names, so tests share one server without meeting. */
  private final String p = "d" + TESTS.incrementAndGet() + "_";

  @BeforeAll
  static void startPostgres() throws Exception {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A provider call with the context of resource {@code id} of the stage scope my-app/dev. */
  @FunctionalInterface
  private interface ProviderCall<T> {
    T call(ResourceContext context) throws Exception;
  }

  private Alchemy.Builder alchemy() {
    return Alchemy.builder().app("my-app").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir).password(Secret.of("state-pw-1f0c"))
        .credentials(ProviderCredentials.of(server.credentials()));
  }

  /**
   * Calls a provider directly, with a context whose scope is a real stage scope (its credentials,
   * its FQNs): inside a run that declares nothing, on a state of its own.
   */
  private <T> T call(String id, ProviderCall<T> call) throws Exception {
    AtomicReference<T> value = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    alchemy().stateDir(dir.resolve("provider-calls")).build().run(stage -> {
      try {
        value.set(call.call(new ResourceContext(stage, id, stage.fqn(id), dir)));
      } catch (Exception e) {
        failure.set(e); // thrown as it is below, not wrapped by the run
      }
    });
    if (failure.get() != null) {
      throw failure.get();
    }
    return value.get();
  }

  private String roleComment(String role) throws SQLException {
    return server.row("postgres", "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles"
        + " WHERE rolname = ?", role).get(0);
  }

  // --- live reads ------------------------------------------------------------------------------

  @Test
  void aRoleReadsAsRecordedUntilItsLoginChangesByHandAndIsMissingOnceDropped() throws Exception {
    String name = p + "app_user";
    Role.Props props = Role.props(name).login(true).password(Secret.of(ROLE_PASSWORD)).build();
    Role.Output output = call("app-user", c -> Role.provider().create(c, props));

    Live<Role.Props, Role.Output> unchanged =
        call("app-user", c -> Role.provider().readLive(c, props, output));
    assertThat(unchanged.kind()).isEqualTo(Live.Kind.FOUND);
    // The password cannot be read back: the recorded one stands for it.
    assertThat(unchanged.props()).isEqualTo(props);
    assertThat(unchanged.output()).isEqualTo(output);

    server.sql("postgres", "ALTER ROLE \"" + name + "\" NOLOGIN");
    Live<Role.Props, Role.Output> drifted =
        call("app-user", c -> Role.provider().readLive(c, props, output));
    assertThat(drifted.props()).isEqualTo(new Role.Props(name, false, props.password()));
    assertThat(drifted.output()).isEqualTo(new Role.Output(name, false, output.server()));
    // Reading changed nothing: still NOLOGIN, still marked.
    assertThat(server.row("postgres", "SELECT rolcanlogin::text FROM pg_roles"
        + " WHERE rolname = ?", name)).containsExactly("false");
    assertThat(roleComment(name)).isEqualTo("Managed by Alchemy: my-app/dev/app-user");

    server.sql("postgres", "DROP ROLE \"" + name + "\"");
    assertThat(call("app-user", c -> Role.provider().readLive(c, props, output)).kind())
        .isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void aDatabaseReadsAsRecordedUntilItsOwnerChangesByHandAndIsMissingOnceDropped()
      throws Exception {
    String owner = p + "owner";
    String name = p + "app_db";
    server.sql("postgres", "CREATE ROLE \"" + owner + "\"");
    // "utf-8" as the user wrote it: the server's UTF8 means the same, so it is no drift.
    Database.Props props = Database.props(name).owner(owner).encoding("utf-8").build();
    Database.Output output = call("app-db", c -> Database.provider().create(c, props));

    Live<Database.Props, Database.Output> unchanged =
        call("app-db", c -> Database.provider().readLive(c, props, output));
    assertThat(unchanged.kind()).isEqualTo(Live.Kind.FOUND);
    assertThat(unchanged.props()).isEqualTo(props);
    assertThat(unchanged.output()).isEqualTo(output);

    server.sql("postgres", "ALTER DATABASE \"" + name + "\" OWNER TO postgres");
    Live<Database.Props, Database.Output> drifted =
        call("app-db", c -> Database.provider().readLive(c, props, output));
    assertThat(drifted.props()).isEqualTo(new Database.Props(name, "postgres", "utf-8"));
    assertThat(drifted.output().owner()).isEqualTo("postgres");

    server.sql("postgres", "DROP DATABASE \"" + name + "\"");
    assertThat(call("app-db", c -> Database.provider().readLive(c, props, output)).kind())
        .isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void anOwnerLeftToTheAdministratorReadsAsNoneUntilAnotherRoleOwnsIt() throws Exception {
    String other = p + "other";
    String name = p + "admin_db";
    server.sql("postgres", "CREATE ROLE \"" + other + "\"");
    Database.Props props = Database.props(name).build();
    Database.Output output = call("admin-db", c -> Database.provider().create(c, props));
    assertThat(output.owner()).isEqualTo("postgres");

    assertThat(call("admin-db", c -> Database.provider().readLive(c, props, output)).props())
        .isEqualTo(props);
    server.sql("postgres", "ALTER DATABASE \"" + name + "\" OWNER TO \"" + other + "\"");
    assertThat(call("admin-db", c -> Database.provider().readLive(c, props, output)).props())
        .isEqualTo(new Database.Props(name, other, "UTF8"));
  }

  @Test
  void aSchemaReadsAsRecordedUntilItsOwnerChangesByHandAndIsMissingOnceDropped()
      throws Exception {
    String owner = p + "owner";
    String database = p + "db";
    server.sql("postgres", "CREATE ROLE \"" + owner + "\"", "CREATE DATABASE \"" + database
        + "\"");
    Schema.Props props = Schema.props(database, "reporting").owner(owner).dropCascade(true)
        .build();
    Schema.Output output = call("reporting", c -> Schema.provider().create(c, props));

    Live<Schema.Props, Schema.Output> unchanged =
        call("reporting", c -> Schema.provider().readLive(c, props, output));
    assertThat(unchanged.kind()).isEqualTo(Live.Kind.FOUND);
    assertThat(unchanged.props()).isEqualTo(props);
    assertThat(unchanged.output()).isEqualTo(output);

    server.sql(database, "ALTER SCHEMA reporting OWNER TO postgres");
    Live<Schema.Props, Schema.Output> drifted =
        call("reporting", c -> Schema.provider().readLive(c, props, output));
    // dropCascade is Alchemy's own setting: as recorded.
    assertThat(drifted.props()).isEqualTo(new Schema.Props(database, "reporting", "postgres",
        true));
    assertThat(drifted.output().owner()).isEqualTo("postgres");

    server.sql(database, "DROP SCHEMA reporting");
    assertThat(call("reporting", c -> Schema.provider().readLive(c, props, output)).kind())
        .isEqualTo(Live.Kind.MISSING);
    // A schema whose database is gone is missing too, not an error.
    server.sql(database, "CREATE SCHEMA reporting");
    server.sql("postgres", "DROP DATABASE \"" + database + "\"");
    assertThat(call("reporting", c -> Schema.provider().readLive(c, props, output)).kind())
        .isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void whatWasRecordedOnAnotherServerIsNotReadOnTheOneTheCredentialsName() throws Exception {
    String name = p + "moved";
    server.sql("postgres", "CREATE ROLE \"" + name + "\" LOGIN");
    Role.Props props = Role.props(name).login(true).build();
    Role.Output elsewhere = new Role.Output(name, true, "db.example.com:5432");

    Live<Role.Props, Role.Output> live =
        call("moved", c -> Role.provider().readLive(c, props, elsewhere));
    assertThat(live.kind()).isEqualTo(Live.Kind.NOT_READ);
    assertThat(live.reason()).isEqualTo("role " + name + " was recorded on the PostgreSQL server"
        + " db.example.com:5432, but the credentials of scope my-app/dev point at localhost:"
        + server.port() + ", so it was not looked for there");
  }

  // --- reads by id -----------------------------------------------------------------------------

  @Test
  void aRoleMadeByHandIsFoundByItsNameAsItIsAndAnUnknownNameIsMissing() throws Exception {
    String legacy = p + "legacy_app";
    server.sql("postgres", "CREATE ROLE \"" + legacy + "\" LOGIN PASSWORD 'legacy-pw'",
        "COMMENT ON ROLE \"" + legacy + "\" IS 'the old app'");
    Role.Props declared = Role.props(legacy).login(false).password(Secret.of(ROLE_PASSWORD))
        .build();

    Live<Role.Props, Role.Output> found =
        call("legacy", c -> Role.provider().readById(c, legacy, declared));
    assertThat(found.kind()).isEqualTo(Live.Kind.FOUND);
    // The password cannot be read: null, so that the update after the import sets the declared one.
    assertThat(found.props()).isEqualTo(new Role.Props(legacy, true, null));
    assertThat(found.output()).isEqualTo(new Role.Output(legacy, true,
        "localhost:" + server.port()));
    // Reading changed nothing.
    assertThat(roleComment(legacy)).isEqualTo("the old app");
    assertThat(server.canLogIn(legacy, "legacy-pw", "postgres")).isTrue();

    assertThat(call("legacy", c -> Role.provider().readById(c, p + "nobody", declared)).kind())
        .isEqualTo(Live.Kind.MISSING);
    assertThatThrownBy(() -> call("legacy", c -> Role.provider().readById(c, "no such", declared)))
        .isInstanceOf(AlchemyException.class)
        .hasMessageStartingWith("The import id of my-app/dev/legacy: the role name \"no such\""
            + " cannot be used: it contains a space.");
  }

  @Test
  void aDatabaseMadeByHandIsFoundByItsNameWithItsOwnerAndEncoding() throws Exception {
    String owner = p + "legacy_owner";
    String legacy = p + "legacy_db";
    String admins = p + "admins_db";
    server.sql("postgres", "CREATE ROLE \"" + owner + "\"",
        "CREATE DATABASE \"" + legacy + "\" OWNER \"" + owner + "\"",
        "CREATE DATABASE \"" + admins + "\"");
    Database.Props declared = Database.props(legacy).build();

    Live<Database.Props, Database.Output> found =
        call("legacy", c -> Database.provider().readById(c, legacy, declared));
    assertThat(found.props()).isEqualTo(new Database.Props(legacy, owner, "UTF8"));
    assertThat(found.output()).isEqualTo(new Database.Output(legacy, owner, "UTF8",
        server.url(legacy), "localhost:" + server.port()));
    // Owned by the administrator and declared without an owner: nothing differs.
    assertThat(call("admins", c -> Database.provider().readById(c, admins,
        Database.props(admins).build())).props())
        .isEqualTo(new Database.Props(admins, null, "UTF8"));
    assertThat(call("legacy", c -> Database.provider().readById(c, p + "nothing", declared))
        .kind()).isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void aDatabaseWhoseEncodingTheImportWouldHaveToChangeIsRefused() throws Exception {
    String legacy = p + "ascii_db";
    server.sql("postgres", "CREATE DATABASE \"" + legacy + "\" ENCODING 'SQL_ASCII'"
        + " TEMPLATE template0");

    assertThatThrownBy(() -> call("legacy", c -> Database.provider().readById(c, legacy,
        Database.props(legacy).build())))
        .isInstanceOf(AlchemyException.class)
        .hasMessage("Cannot import database " + legacy + " into my-app/dev/legacy: it has the"
            + " encoding SQL_ASCII, but its props ask for UTF8, and an encoding cannot change in"
            + " place. Declare encoding(\"SQL_ASCII\") to import it. Nothing was recorded or"
            + " changed.");
    assertThat(call("legacy", c -> Database.provider().readById(c, legacy,
        Database.props(legacy).encoding("sql_ascii").build())).props())
        .isEqualTo(new Database.Props(legacy, null, "sql_ascii"));
  }

  @Test
  void aSchemaMadeByHandIsFoundAsDatabaseDotSchema() throws Exception {
    String owner = p + "legacy_owner";
    String database = p + "db";
    server.sql("postgres", "CREATE ROLE \"" + owner + "\"", "CREATE DATABASE \"" + database
        + "\"");
    server.sql(database, "CREATE SCHEMA legacy AUTHORIZATION \"" + owner + "\"");
    Schema.Props declared = Schema.props(database, "legacy").build();

    Live<Schema.Props, Schema.Output> found =
        call("legacy", c -> Schema.provider().readById(c, database + ".legacy", declared));
    assertThat(found.props()).isEqualTo(new Schema.Props(database, "legacy", owner, false));
    assertThat(found.output()).isEqualTo(new Schema.Output(database, "legacy", owner,
        "localhost:" + server.port()));

    for (String missing : List.of(database + ".nothing", p + "nodb.legacy")) {
      assertThat(call("legacy", c -> Schema.provider().readById(c, missing, declared)).kind())
          .as(missing).isEqualTo(Live.Kind.MISSING);
    }
    assertThatThrownBy(() -> call("legacy", c -> Schema.provider().readById(c, "legacy",
        declared)))
        .isInstanceOf(AlchemyException.class)
        .hasMessage("The import id of my-app/dev/legacy, \"legacy\", names no database: a"
            + " schema's import id is database.schema, e.g. " + database + ".legacy. Nothing was"
            + " recorded or changed.");
  }

  @Test
  void whatAnotherResourceManagesIsNotImportedAndWhatThisOneCreatedIs() throws Exception {
    String name = p + "taken";
    Role.Props props = Role.props(name).build();
    call("owner", c -> Role.provider().create(c, props));

    assertThatThrownBy(() -> call("thief", c -> Role.provider().readById(c, name, props)))
        .isInstanceOf(SQLException.class)
        .hasMessage("Cannot import ROLE \"" + name + "\" into my-app/dev/thief: its comment says"
            + " Alchemy resource my-app/dev/owner manages it, and two resources must not manage"
            + " one object. Manage it there, or, if that resource is gone, remove the marker"
            + " (COMMENT ON ROLE \"" + name + "\" IS NULL) and run again. Nothing was recorded"
            + " or changed.");
    // Its own marker (state lost, say) is no obstacle.
    assertThat(call("owner", c -> Role.provider().readById(c, name, props)).props())
        .isEqualTo(new Role.Props(name, false, null));
  }

  // --- through the engine ----------------------------------------------------------------------

  private RunResult up(Alchemy.Builder builder, InfrastructureDefinition definition) {
    return builder.build().run(definition);
  }

  /** A role that logs in, a database it owns and a schema it owns in it. */
  private InfrastructureDefinition app(String role, String database) {
    return stage -> {
      Role.Output user = Role.declare(stage, "app-user", Role.props(role).login(true)
          .password(stage.secret(ROLE_PASSWORD)).build());
      Database.Output db = Database.declare(stage, "app-db",
          Database.props(database).owner(user).build());
      Schema.declare(stage, "reporting", Schema.props(db, "reporting").owner(user).build());
    };
  }

  private static List<String> drift(Plan plan) {
    return plan.drift().stream().map(d -> d.kind() + " " + d.fqn() + " (" + d.type() + ")"
        + d.changes().stream().map(c -> " " + c.describe()).collect(Collectors.joining()))
        .toList();
  }

  @Test
  void changesByHandShowAsDriftAndUpWithRefreshRepairsThem() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    up(alchemy(), app(role, database));
    server.sql("postgres", "ALTER ROLE \"" + role + "\" NOLOGIN",
        "ALTER DATABASE \"" + database + "\" OWNER TO postgres");
    server.sql(database, "ALTER SCHEMA reporting OWNER TO postgres");

    // Without refresh nothing is read: the changes by hand stay unseen.
    assertThat(alchemy().build().plan(app(role, database)).hasChanges()).isFalse();
    Plan plan = alchemy().refresh(true).build().plan(app(role, database));
    assertThat(drift(plan)).containsExactlyInAnyOrder(
        "DRIFTED my-app/dev/app-user (postgres::Role) login: false -> true",
        "DRIFTED my-app/dev/app-db (postgres::Database) owner: \"postgres\" -> \"" + role + "\"",
        "DRIFTED my-app/dev/reporting (postgres::Schema) owner: \"postgres\" -> \"" + role
            + "\"");
    assertThat(plan.changes()).extracting(PlannedChange::fqn, PlannedChange::action)
        .containsExactlyInAnyOrder(tuple("my-app/dev/app-user", PlanAction.UPDATE),
            tuple("my-app/dev/app-db", PlanAction.UPDATE),
            tuple("my-app/dev/reporting", PlanAction.UPDATE));
    // The plan changed nothing.
    assertThat(server.databaseOwner(database)).isEqualTo("postgres");

    RunResult repaired = up(alchemy().refresh(true), app(role, database));
    assertThat(repaired.drift()).hasSize(3);
    assertThat(repaired.updated()).isEqualTo(3);
    assertThat(server.row("postgres", "SELECT rolcanlogin::text FROM pg_roles"
        + " WHERE rolname = ?", role)).containsExactly("true");
    assertThat(server.canLogIn(role, ROLE_PASSWORD, database)).isTrue();
    assertThat(server.databaseOwner(database)).isEqualTo(role);
    assertThat(server.schemaOwner(database, "reporting")).isEqualTo(role);

    Plan after = alchemy().refresh(true).build().plan(app(role, database));
    assertThat(after.drift()).isEmpty();
    assertThat(after.hasChanges()).isFalse();
  }

  @Test
  void whatWasDroppedByHandShowsAsDeletedAndUpWithRefreshCreatesItAgain() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    up(alchemy(), app(role, database));
    // The schema goes with its database.
    server.sql("postgres", "DROP DATABASE \"" + database + "\"");

    Plan plan = alchemy().refresh(true).build().plan(app(role, database));
    assertThat(drift(plan)).containsExactlyInAnyOrder(
        "DELETED my-app/dev/app-db (postgres::Database)",
        "DELETED my-app/dev/reporting (postgres::Schema)");
    assertThat(plan.changes()).extracting(PlannedChange::fqn, PlannedChange::action)
        .containsExactlyInAnyOrder(tuple("my-app/dev/app-db", PlanAction.CREATE),
            tuple("my-app/dev/reporting", PlanAction.CREATE));

    up(alchemy().refresh(true), app(role, database));
    assertThat(server.databaseOwner(database)).isEqualTo(role);
    assertThat(server.schemaOwner(database, "reporting")).isEqualTo(role);

    // A dropped role (its objects dropped with it) comes back with its password.
    server.sql("postgres", "DROP DATABASE \"" + database + "\"", "DROP ROLE \"" + role + "\"");
    Plan gone = alchemy().refresh(true).build().plan(app(role, database));
    assertThat(gone.drift()).extracting(Drift::kind).containsOnly(Drift.Kind.DELETED)
        .hasSize(3);
    up(alchemy().refresh(true), app(role, database));
    assertThat(server.canLogIn(role, ROLE_PASSWORD, database)).isTrue();
    assertThat(server.schemaOwner(database, "reporting")).isEqualTo(role);

    Plan after = alchemy().refresh(true).build().plan(app(role, database));
    assertThat(after.drift()).isEmpty();
    assertThat(after.hasChanges()).isFalse();
  }

  /** The legacy role, database and schema made by hand, imported and brought to these props. */
  private InfrastructureDefinition legacy(String role, String database) {
    return stage -> {
      Role.Output user = stage.resource("legacy-user", Role.provider(), Role.props(role)
          .login(true).password(stage.secret(ROLE_PASSWORD)).build(),
          ResourceOptions.importing(role));
      stage.resource("legacy-db", Database.provider(),
          Database.props(database).owner(user).build(), ResourceOptions.importing(database));
      stage.resource("legacy-schema", Schema.provider(),
          Schema.props(database, "legacy").owner(user).dropCascade(true).build(),
          ResourceOptions.importing(database + ".legacy"));
    };
  }

  private List<String> oids(String role, String database) throws SQLException {
    return List.of(
        server.row("postgres", "SELECT oid::text FROM pg_roles WHERE rolname = ?", role).get(0),
        server.row("postgres", "SELECT oid::text FROM pg_database WHERE datname = ?", database)
            .get(0),
        server.row(database, "SELECT oid::text FROM pg_namespace WHERE nspname = 'legacy'")
            .get(0));
  }

  @Test
  void aRoleDatabaseAndSchemaMadeByHandAreImportedUpdatedInPlaceAndDestroyed()
      throws Exception {
    String role = p + "legacy_app";
    String database = p + "legacy_db";
    server.sql("postgres", "CREATE ROLE \"" + role + "\" NOLOGIN",
        "COMMENT ON ROLE \"" + role + "\" IS 'made by hand'",
        "CREATE DATABASE \"" + database + "\"");
    server.sql(database, "CREATE SCHEMA legacy", "CREATE TABLE legacy.orders (id int)",
        "INSERT INTO legacy.orders VALUES (42)");
    List<String> oids = oids(role, database);

    Plan plan = alchemy().build().plan(legacy(role, database));
    assertThat(plan.changes()).extracting(PlannedChange::fqn, PlannedChange::action)
        .containsExactly(tuple("my-app/dev/legacy-user", PlanAction.IMPORT),
            tuple("my-app/dev/legacy-db", PlanAction.IMPORT),
            tuple("my-app/dev/legacy-schema", PlanAction.IMPORT));
    assertThat(plan.changes().get(0).changes()).extracting(PropChange::describe)
        .containsExactlyInAnyOrder("login: false -> true", "password: (secret changed)");
    assertThat(plan.changes().get(1).changes()).extracting(PropChange::describe)
        .containsExactly("owner: \"postgres\" -> \"" + role + "\"");
    assertThat(plan.changes().get(2).changes()).extracting(PropChange::describe)
        .containsExactly("owner: \"postgres\" -> \"" + role + "\"");
    assertThat(server.row("postgres", "SELECT rolcanlogin::text FROM pg_roles"
        + " WHERE rolname = ?", role)).containsExactly("false");

    RunResult imported = up(alchemy(), legacy(role, database));
    assertThat(imported.summary()).isEqualTo("0 created, 0 updated, 0 replaced, 0 deleted,"
        + " 0 unchanged, 3 imported");
    // The same objects, with their data, now as declared.
    assertThat(oids(role, database)).isEqualTo(oids);
    assertThat(server.row(database, "SELECT id::text FROM legacy.orders")).containsExactly("42");
    assertThat(server.canLogIn(role, ROLE_PASSWORD, database)).isTrue();
    assertThat(server.databaseOwner(database)).isEqualTo(role);
    assertThat(server.schemaOwner(database, "legacy")).isEqualTo(role);
    assertThat(roleComment(role)).isEqualTo("made by hand");

    for (boolean refresh : new boolean[] {false, true}) {
      Plan again = alchemy().refresh(refresh).build().plan(legacy(role, database));
      assertThat(again.hasChanges()).as("refresh %s", refresh).isFalse();
      assertThat(again.drift()).as("refresh %s", refresh).isEmpty();
    }

    alchemy().phase(Phase.DESTROY).build().run(legacy(role, database));
    assertThat(server.roleExists(role)).isFalse();
    assertThat(server.databaseExists(database)).isFalse();
  }

  @Test
  void importingWhatDoesNotExistFailsNamingTheIdAndChangesNothing() throws Exception {
    String role = p + "ghost";
    InfrastructureDefinition ghost = stage -> stage.resource("ghost", Role.provider(),
        Role.props(role).login(true).build(), ResourceOptions.importing(role));

    assertThatThrownBy(() -> alchemy().build().plan(ghost))
        .hasMessageContaining("'" + role + "'");
    assertThatThrownBy(() -> up(alchemy(), ghost))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("asks to import '" + role + "'");
    assertThat(server.roleExists(role)).isFalse();
    // Nothing was recorded: an empty definition has no orphan to delete.
    assertThat(alchemy().build().plan(stage -> {}).hasChanges()).isFalse();
  }
}
