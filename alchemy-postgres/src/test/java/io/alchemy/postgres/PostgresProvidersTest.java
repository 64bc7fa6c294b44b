package io.alchemy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.JsonLinesListener;
import io.alchemy.core.Phase;
import io.alchemy.core.PrintStreamListener;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.ScopeOptions;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role, Database and Schema through whole Alchemy runs against a real PostgreSQL server, started
 * once for the class; every check of the server is a real query.
 */
@Timeout(60)
class PostgresProvidersTest {

  private static final String STATE_PASSWORD = "state-pw-83d1";
  private static final String ROLE_PASSWORD = "role-pw-7c2e91";
  private static final AtomicInteger TESTS = new AtomicInteger();

  private static PostgresServer server;

  @TempDir Path dir;

  /** Each test has its own names, so tests share one server without meeting. */
  private final String p = "t" + TESTS.incrementAndGet() + "_";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Object> outputs = Collections.synchronizedMap(new LinkedHashMap<>());

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

  private Alchemy.Builder alchemy() {
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    RunListener recorder = new RunListener() {
      @Override
      public void resourceStarting(String fqn, String type, ResourceAction action,
          boolean quiet) {
        log.add("calling " + action.progressive() + " " + fqn);
      }

      @Override
      public void resourceFinished(ResourceReport report) {
        log.add(report.action().past() + " " + report.fqn());
      }
    };
    return Alchemy.builder().app("my-app").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir).password(Secret.of(STATE_PASSWORD))
        .credentials(ProviderCredentials.of(server.credentials()))
        .listener(RunListener.both(recorder,
            RunListener.both(new PrintStreamListener(print), new JsonLinesListener(print))));
  }

  private RunResult up(InfrastructureDefinition definition) {
    log.clear();
    return alchemy().build().run(definition);
  }

  /** A role that logs in, a database it owns and a schema in it, as a user writes them. */
  private InfrastructureDefinition app(String role, String password, String database) {
    return stage -> {
      Role.Output user = Role.declare(stage, "app-user", Role.props(role)
          .login(true)
          .password(stage.secret(password))
          .build());
      Database.Output db = Database.declare(stage, "app-db", Database.props(database)
          .owner(user.name())
          .build());
      Schema.Output reporting = Schema.declare(stage, "reporting",
          Schema.props(db, "reporting").owner(user).build());
      outputs.put("role", user);
      outputs.put("database", db);
      outputs.put("schema", reporting);
    };
  }

  private String stateFiles() throws IOException {
    Path state = dir.resolve("state");
    if (!Files.exists(state)) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(state)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        text.append(file).append('\n').append(Files.readString(file)).append('\n');
      }
    }
    return text.toString();
  }

  private static String everything(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private List<String> calls() {
    return log.stream().filter(line -> line.startsWith("calling ")).toList();
  }

  // --- tests -----------------------------------------------------------------------------------

  @Test
  void createsARoleADatabaseItOwnsAndASchemaAndAReRunCallsNothing() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    RunResult first = up(app(role, ROLE_PASSWORD, database));

    assertThat(first.created()).isEqualTo(3);
    assertThat(log).containsSubsequence("created my-app/dev/app-user", "created my-app/dev/app-db",
        "created my-app/dev/reporting");
    assertThat(server.row("postgres", "SELECT rolcanlogin::text, shobj_description(oid,"
        + " 'pg_authid') FROM pg_roles WHERE rolname = ?", role))
        .containsExactly("true", "Managed by Alchemy: my-app/dev/app-user");
    assertThat(server.row("postgres", "SELECT pg_get_userbyid(datdba),"
        + " pg_encoding_to_char(encoding) FROM pg_database WHERE datname = ?", database))
        .containsExactly(role, "UTF8");
    assertThat(server.schemaOwner(database, "reporting")).isEqualTo(role);
    String at = "localhost:" + server.port();
    assertThat(outputs.get("database")).isEqualTo(new Database.Output(database, role, "UTF8",
        "jdbc:postgresql://" + at + "/" + database, at));
    assertThat(outputs.get("schema"))
        .isEqualTo(new Schema.Output(database, "reporting", role, at));
    assertThat(outputs.get("role")).isEqualTo(new Role.Output(role, true, at));
    // The role really logs in with its password, and only with it.
    assertThat(server.canLogIn(role, ROLE_PASSWORD, database)).isTrue();
    assertThat(server.canLogIn(role, "wrong", database)).isFalse();

    RunResult again = up(app(role, ROLE_PASSWORD, database));
    assertThat(again.unchanged()).isEqualTo(3);
    assertThat(again.summary()).isEqualTo("0 created, 0 updated, 0 replaced, 0 deleted,"
        + " 3 unchanged");
    assertThat(calls()).isEmpty();

    // The read phase returns what is recorded and calls nothing either.
    outputs.clear();
    log.clear();
    RunResult read = alchemy().phase(Phase.READ).build().run(app(role, "ignored", database));
    assertThat(read.summary()).isEqualTo("3 read");
    assertThat(calls()).isEmpty();
    assertThat(((Database.Output) outputs.get("database")).owner()).isEqualTo(role);
  }

  @Test
  void aNewPasswordOrLoginChangesTheRoleInPlace() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    up(app(role, ROLE_PASSWORD, database));
    // Quotes, backslashes and a statement separator: the driver hashes it, nothing is parsed.
    String tricky = "it's a \"new\" pass\\word; DROP ROLE " + role + "; --";

    RunResult changed = up(app(role, tricky, database));

    assertThat(changed.updated()).isEqualTo(1);
    assertThat(changed.unchanged()).isEqualTo(2);
    assertThat(calls()).containsExactly("calling updating my-app/dev/app-user");
    assertThat(server.canLogIn(role, tricky, database)).isTrue();
    assertThat(server.canLogIn(role, ROLE_PASSWORD, database)).isFalse();

    RunResult noLogin = up(stage -> Role.declare(stage, "app-user",
        Role.props(role).password(stage.secret(tricky)).build()));
    assertThat(noLogin.updated()).isEqualTo(1);
    assertThat(server.row("postgres", "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = ?",
        role)).containsExactly("false");
    assertThat(server.canLogIn(role, tricky, "postgres")).isFalse();

    // Taking the password prop away removes the password Alchemy set.
    RunResult noPassword = up(stage -> Role.declare(stage, "app-user",
        Role.props(role).login(true).build()));
    assertThat(noPassword.updated()).isEqualTo(1);
    assertThat(server.row("postgres", "SELECT rolpassword IS NULL FROM pg_authid"
        + " WHERE rolname = ?", role)).containsExactly("t");
  }

  @Test
  void anObjectDroppedByHandIsCreatedAgainByAForcedRun() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    up(app(role, ROLE_PASSWORD, database));
    server.sql("postgres", "DROP DATABASE " + database, "DROP ROLE " + role);

    log.clear();
    RunResult forced = alchemy().force(true).build().run(app(role, ROLE_PASSWORD, database));

    assertThat(forced.updated()).isEqualTo(3);
    assertThat(server.canLogIn(role, ROLE_PASSWORD, database)).isTrue();
    assertThat(server.schemaOwner(database, "reporting")).isEqualTo(role);
  }

  @Test
  void aNewOwnerAltersTheDatabaseAndSchemaInPlace() throws Exception {
    String database = p + "app_db";
    up(app(p + "first", ROLE_PASSWORD, database));
    InfrastructureDefinition ownedBy = stage -> {
      Role.Output second = Role.declare(stage, "second", Role.props(p + "second").build());
      Database.Output db = Database.declare(stage, "app-db",
          Database.props(database).owner(second).build());
      Schema.declare(stage, "reporting", Schema.props(db, "reporting").owner(second).build());
    };

    RunResult result = up(ownedBy);

    // The new role is created, the database and schema change owner in place, and the first
    // role, no longer declared, is dropped at finalization once it owns nothing.
    assertThat(result.summary()).isEqualTo("1 created, 2 updated, 0 replaced, 1 deleted,"
        + " 0 unchanged");
    assertThat(log).containsSubsequence("created my-app/dev/second", "updated my-app/dev/app-db",
        "updated my-app/dev/reporting", "deleted my-app/dev/app-user");
    assertThat(server.databaseOwner(database)).isEqualTo(p + "second");
    assertThat(server.schemaOwner(database, "reporting")).isEqualTo(p + "second");
    assertThat(server.roleExists(p + "first")).isFalse();
  }

  @Test
  void aDatabaseRenameCreatesTheNewOneFirstAndDropsTheOldOneAtFinalize() throws Exception {
    String role = p + "app_user";
    up(app(role, ROLE_PASSWORD, p + "old_db"));

    RunResult renamed = up(app(role, ROLE_PASSWORD, p + "new_db"));

    // The schema lives in the database, so it moves with it.
    assertThat(renamed.replaced()).isEqualTo(2);
    assertThat(renamed.deleted()).isEqualTo(2);
    assertThat(log).containsSubsequence("calling replacing my-app/dev/app-db",
        "replaced my-app/dev/app-db", "replaced my-app/dev/reporting",
        "deleted my-app/dev/reporting", "deleted my-app/dev/app-db");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("replaced  my-app/dev/app-db");
    assertThat(server.databaseExists(p + "old_db")).isFalse();
    assertThat(server.databaseOwner(p + "new_db")).isEqualTo(role);
    assertThat(server.schemaOwner(p + "new_db", "reporting")).isEqualTo(role);
    assertThat(((Database.Output) outputs.get("database")).jdbcUrl()).endsWith("/" + p + "new_db");
    assertThat(up(app(role, ROLE_PASSWORD, p + "new_db")).unchanged()).isEqualTo(3);
  }

  @Test
  void aPlanShowsEachChangeAndPredictsWhatUpThenReturns() throws Exception {
    String role = p + "app_user";
    up(app(role, ROLE_PASSWORD, p + "old_db"));
    String state = stateFiles();
    outputs.clear();

    // A role that no longer logs in (update), a renamed database (replace), and its schema,
    // which moves with it (replace).
    InfrastructureDefinition changed = stage -> {
      Role.Output user = Role.declare(stage, "app-user", Role.props(role).login(false)
          .password(stage.secret(ROLE_PASSWORD)).build());
      Database.Output db = Database.declare(stage, "app-db", Database.props(p + "new_db")
          .owner(user.name()).build());
      outputs.put("role", user);
      outputs.put("database", db);
      outputs.put("schema", Schema.declare(stage, "reporting",
          Schema.props(db, "reporting").build()));
    };
    log.clear();
    Plan plan = alchemy().build().plan(changed);
    assertThat(calls()).isEmpty();
    assertThat(stateFiles()).isEqualTo(state);
    assertThat(server.databaseExists(p + "new_db")).isFalse();
    assertThat(server.row("postgres", "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = ?",
        role)).containsExactly("true");
    assertThat(plan.lines()).containsExactly(
        "~   update    my-app/dev/app-user (postgres::Role)",
        "      login: true -> false",
        "-/+ replace   my-app/dev/app-db (postgres::Database): name forces a replacement",
        "      name: \"" + p + "old_db\" -> \"" + p + "new_db\"",
        "-/+ replace   my-app/dev/reporting (postgres::Schema): database forces a"
            + " replacement",
        "      database: \"" + p + "old_db\" -> \"" + p + "new_db\"",
        "      owner: \"" + role + "\" -> null",
        "Plan for my-app/dev: 0 to create, 1 to update, 2 to replace, 0 to delete, 0 unchanged");
    Map<String, Object> predicted = Map.copyOf(outputs);
    String at = "localhost:" + server.port();
    assertThat(predicted.get("schema"))
        .isEqualTo(new Schema.Output(p + "new_db", "reporting", "postgres", at));

    outputs.clear();
    up(changed);
    // Every field of these predictions is known, and each is what up returned.
    for (String id : List.of("role", "database", "schema")) {
      assertThat(predicted.get(id)).as(id).isEqualTo(outputs.get(id));
    }
  }

  @Test
  void anEncodingChangeAloneIsRefusedAndChangesNothing() throws Exception {
    String database = p + "db";
    up(stage -> Database.declare(stage, "db", Database.props(database).build()));

    assertThatThrownBy(() -> up(stage -> Database.declare(stage, "db",
        Database.props(database).encoding("SQL_ASCII").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/db (postgres::Database) failed while updating:"
            + " Database " + database + " has the encoding UTF8, but its props ask for SQL_ASCII."
            + " An encoding cannot change in place");
    assertThat(server.row("postgres", "SELECT pg_encoding_to_char(encoding) FROM pg_database"
        + " WHERE datname = ?", database)).containsExactly("UTF8");
    // With a new name it is a replacement, in the new encoding.
    RunResult replaced = up(stage -> Database.declare(stage, "db",
        Database.props(p + "ascii").encoding("SQL_ASCII").build()));
    assertThat(replaced.replaced()).isEqualTo(1);
    assertThat(server.row("postgres", "SELECT pg_encoding_to_char(encoding) FROM pg_database"
        + " WHERE datname = ?", p + "ascii")).containsExactly("SQL_ASCII");
    assertThat(server.databaseExists(database)).isFalse();
  }

  @Test
  void anExistingDatabaseIsAClearErrorWithoutAdoptionAndIsAdoptedWithoutLosingData()
      throws Exception {
    String role = p + "app_user";
    String database = p + "legacy";
    server.sql("postgres", "CREATE DATABASE " + database);
    server.sql(database, "CREATE TABLE orders (id int)", "INSERT INTO orders VALUES (42)");

    assertThatThrownBy(() -> up(app(role, ROLE_PASSWORD, database)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/app-db (postgres::Database) failed while"
            + " creating: database " + database + " already exists and is not in the state of"
            + " this stage. To manage it with Alchemy, run again with adoption on"
            + " (Alchemy.builder().adopt(true)");
    assertThat(server.databaseOwner(database)).isEqualTo("postgres");

    log.clear();
    RunResult adopted = alchemy().adopt(true).build().run(app(role, ROLE_PASSWORD, database));

    assertThat(adopted.adopted()).isEqualTo(1);
    assertThat(log).contains("adopted my-app/dev/app-db").doesNotContain(
        "calling deleting my-app/dev/app-db");
    assertThat(server.row(database, "SELECT id FROM orders")).containsExactly("42");
    assertThat(server.databaseOwner(database)).isEqualTo(role);
    assertThat(server.row("postgres", "SELECT shobj_description(oid, 'pg_database')"
        + " FROM pg_database WHERE datname = ?", database))
        .containsExactly("Managed by Alchemy: my-app/dev/app-db");
    // From now on it is managed: a re-run changes nothing.
    assertThat(up(app(role, ROLE_PASSWORD, database)).unchanged()).isEqualTo(3);
  }

  @Test
  void anExistingRoleAndSchemaAreAdoptedAndBroughtToTheirProps() throws Exception {
    String role = p + "app_user";
    String database = p + "db";
    server.sql("postgres", "CREATE ROLE " + role + " NOLOGIN", "CREATE DATABASE " + database);
    server.sql(database, "CREATE SCHEMA reporting", "CREATE TABLE reporting.kept (id int)");

    RunResult adopted = alchemy().adopt(true).build().run(app(role, ROLE_PASSWORD, database));

    assertThat(adopted.adopted()).isEqualTo(3);
    assertThat(server.canLogIn(role, ROLE_PASSWORD, database)).isTrue();
    assertThat(server.schemaOwner(database, "reporting")).isEqualTo(role);
    assertThat(server.row(database, "SELECT count(*) FROM reporting.kept")).containsExactly("0");
  }

  @Test
  void destroyDropsSchemaThenDatabaseThenRoleEvenWithAnOpenSession() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    up(app(role, ROLE_PASSWORD, database));
    try (Connection session = DriverManager.getConnection(server.url(database), role,
        ROLE_PASSWORD)) {
      log.clear();
      RunResult destroyed = alchemy().phase(Phase.DESTROY).build()
          .run(app(role, ROLE_PASSWORD, database));

      assertThat(destroyed.deleted()).isEqualTo(3);
      assertThat(log).filteredOn(line -> line.startsWith("deleted")).containsExactly(
          "deleted my-app/dev/reporting", "deleted my-app/dev/app-db",
          "deleted my-app/dev/app-user");
      assertThat(session.isValid(2)).isFalse();
    }
    assertThat(server.databaseExists(database)).isFalse();
    assertThat(server.roleExists(role)).isFalse();
    assertThat(stateFiles()).doesNotContain("app-db");
  }

  @Test
  void resourcesRemovedFromTheCodeAreDeletedEvenWhenNoCodeUsesTheirType() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    up(app(role, ROLE_PASSWORD, database));

    RunResult onlyRole = up(stage -> Role.declare(stage, "app-user", Role.props(role).login(true)
        .password(stage.secret(ROLE_PASSWORD)).build()));
    assertThat(onlyRole.deleted()).isEqualTo(2);
    assertThat(server.databaseExists(database)).isFalse();
    assertThat(server.roleExists(role)).isTrue();

    // No PostgreSQL resource in the code at all: the provider comes from META-INF/services.
    RunResult none = up(stage -> { });
    assertThat(none.deleted()).isEqualTo(1);
    assertThat(server.roleExists(role)).isFalse();
  }

  @Test
  void aSchemaThatIsNotEmptyIsKeptUnlessDropCascadeIsSet() throws Exception {
    String database = p + "db";
    InfrastructureDefinition dbOnly = stage ->
        Database.declare(stage, "db", Database.props(database).build());
    up(stage -> {
      dbOnly.define(stage);
      Schema.declare(stage, "audit", Schema.props(database, "audit").build());
    });
    server.sql(database, "CREATE TABLE audit.events (id int)");

    assertThatThrownBy(() -> up(dbOnly))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Schema audit in database " + database + " is not empty, so it was"
            + " not dropped. Drop what it contains, or set dropCascade(true)");
    assertThat(server.schemaOwner(database, "audit")).isEqualTo("postgres");

    up(stage -> {
      dbOnly.define(stage);
      Schema.declare(stage, "audit", Schema.props(database, "audit").dropCascade(true).build());
    });
    assertThat(up(dbOnly).deleted()).isEqualTo(1);
    assertThat(server.schemaOwner(database, "audit")).isNull();
  }

  @Test
  void badNamesAreClearErrorsBeforeAnythingIsRecordedOrSent() throws Exception {
    assertThatThrownBy(() -> up(stage -> Database.declare(stage, "app-db",
        Database.props("app db").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/app-db (postgres::Database): the database"
            + " name \"app db\" cannot be used: it contains a space. PostgreSQL names managed by"
            + " Alchemy start with a letter or an underscore, continue with letters, digits,"
            + " underscores, $ or -, and are at most 63 bytes long");
    assertThatThrownBy(() -> up(stage -> Role.declare(stage, "evil",
        Role.props("x\"; DROP ROLE postgres; --").build())))
        .hasMessageContaining("the role name \"x\"; DROP ROLE postgres; --\" cannot be used:"
            + " it contains '\"'");
    assertThatThrownBy(() -> up(stage -> Role.declare(stage, "sys",
        Role.props("pg_monitor2").build())))
        .hasMessageContaining("names starting with pg_ are reserved by PostgreSQL");
    assertThatThrownBy(() -> up(stage -> Schema.declare(stage, "long",
        Schema.props("postgres", "s".repeat(64)).build())))
        .hasMessageContaining("it is 64 bytes long, and PostgreSQL would silently cut it to 63");
    assertThatThrownBy(() -> up(stage -> Database.declare(stage, "owned",
        Database.props(p + "db").owner("").build())))
        .hasMessageContaining("the owner role name \"\" cannot be used: it is empty");
    // Through Scope.resource, without declare: the provider checks before any SQL.
    assertThatThrownBy(() -> up(stage -> stage.resource("raw", Database.provider(),
        Database.props("1st").build())))
        .hasMessageContaining("Resource my-app/dev/raw (postgres::Database) failed while"
            + " creating: The database name \"1st\" cannot be used: it starts with '1'");
    assertThat(server.databaseExists("app db")).isFalse();
    assertThat(server.databaseExists("1st")).isFalse();
    assertThat(stateFiles()).doesNotContain("app-db").doesNotContain("evil");
    // The failed raw record is an orphan once the code is fixed, and deleting it sends nothing.
    assertThat(up(stage -> { }).deleted()).isEqualTo(1);
  }

  @Test
  void theRolePasswordIsNeverInStateLogsOrErrors() throws Exception {
    String role = p + "app_user";
    String database = p + "app_db";
    up(app(role, ROLE_PASSWORD, database));
    up(app(role, ROLE_PASSWORD + "-2", database));
    // A failure that involves the role and its password: it exists but is not in this state.
    server.sql("postgres", "CREATE ROLE " + p + "taken");
    DeploymentFailedException failure = null;
    try {
      up(stage -> Role.declare(stage, "taken", Role.props(p + "taken").login(true)
          .password(stage.secret(ROLE_PASSWORD)).build()));
    } catch (DeploymentFailedException e) {
      failure = e;
    }
    assertThat(failure).isNotNull();
    assertThat(everything(failure)).contains("role " + p + "taken already exists")
        .doesNotContain(ROLE_PASSWORD).doesNotContain(PostgresServer.ADMIN_PASSWORD);

    assertThat(stateFiles()).contains("\"@secret\"").doesNotContain(ROLE_PASSWORD)
        .doesNotContain(PostgresServer.ADMIN_PASSWORD);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("updated   my-app/dev/app-user")
        .doesNotContain(ROLE_PASSWORD).doesNotContain(PostgresServer.ADMIN_PASSWORD);
    assertThat(new Role.Props(role, true, Secret.of(ROLE_PASSWORD)).toString())
        .doesNotContain(ROLE_PASSWORD);
  }

  @Test
  void aFailedStatementNeverShowsASecretItHeld() throws Exception {
    Secret secret = Secret.of("s3cr3t-value");
    try (Connection c = server.admin()) {
      assertThatThrownBy(() -> Pg.execute(c, "SELECT " + PostgresNames.literal(secret.reveal())
          + "::int", "SELECT '****'::int", secret))
          .isInstanceOf(SQLException.class)
          .hasMessage("SELECT '****'::int failed: invalid input syntax for type integer:"
              + " \"****\".")
          .hasNoCause();
    }
  }

  @Test
  void aCreateThatCrashedIsFinishedByTheNextRunAndAConflictIsNeverDropped() throws Exception {
    String database = p + "crashed";
    // A provider that creates the database and then "crashes" before the engine records it.
    ResourceProvider<Database.Props, Database.Output> crashing = new ResourceProvider<>() {
      @Override
      public String type() {
        return Database.TYPE;
      }

      @Override
      public Class<Database.Props> propsType() {
        return Database.Props.class;
      }

      @Override
      public Class<Database.Output> outputType() {
        return Database.Output.class;
      }

      @Override
      public Database.Output create(ResourceContext context, Database.Props props)
          throws Exception {
        Database.provider().create(context, props);
        throw new IllegalStateException("crash after create");
      }

      @Override
      public Database.Output update(ResourceContext context, Database.Props oldProps,
          Database.Props newProps, Database.Output oldOutput) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void delete(ResourceContext context, Database.Props props, Database.Output output) {
        throw new UnsupportedOperationException();
      }
    };
    assertThatThrownBy(() -> up(stage -> stage.resource("db", crashing,
        Database.props(database).build()))).hasMessageContaining("crash after create");
    assertThat(server.databaseExists(database)).isTrue();

    RunResult recovered = up(stage -> Database.declare(stage, "db",
        Database.props(database).build()));
    assertThat(recovered.created()).isEqualTo(1);

    // A database made by someone else, refused on conflict: the engine keeps no record of it,
    // so removing its resource from the code deletes nothing and the database stays.
    String foreign = p + "foreign";
    server.sql("postgres", "CREATE DATABASE " + foreign);
    assertThatThrownBy(() -> up(stage -> {
      Database.declare(stage, "db", Database.props(database).build());
      Database.declare(stage, "other", Database.props(foreign).build());
    })).hasMessageContaining("already exists");
    RunResult removed = up(stage -> Database.declare(stage, "db",
        Database.props(database).build()));
    assertThat(removed.deleted()).isZero();
    assertThat(server.databaseExists(foreign)).isTrue();
  }

  @Test
  void aChildScopeReachesTheServerItsOwnCredentialsName() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (PostgresServer other = PostgresServer.start()) {
      PostgresCredentials otherServer = server.credentials().withHost("127.0.0.1", other.port());
      RunResult result = up(stage -> {
        Database.declare(stage, "main-db", Database.props(p + "main").build());
        stage.run("reports", ScopeOptions.defaults().credential(otherServer), reports -> {
          Database.Output db = Database.declare(reports, "db", Database.props(p + "reports")
              .build());
          outputs.put("reports", db);
        });
      });

      assertThat(result.created()).isEqualTo(2);
      assertThat(((Database.Output) outputs.get("reports")).jdbcUrl())
          .isEqualTo("jdbc:postgresql://127.0.0.1:" + other.port() + "/" + p + "reports");
      assertThat(other.databaseExists(p + "reports")).isTrue();
      assertThat(other.databaseExists(p + "main")).isFalse();
      assertThat(server.databaseExists(p + "main")).isTrue();
      assertThat(server.databaseExists(p + "reports")).isFalse();

      // Removed from the code, the child scope is not entered: its database is deleted where it
      // was made, on the server recorded in state, with the login of the stage's credentials.
      InfrastructureDefinition mainOnly = stage ->
          Database.declare(stage, "main-db", Database.props(p + "main").build());
      RunResult removed = up(mainOnly);
      assertThat(removed.deleted()).isEqualTo(1);
      assertThat(other.databaseExists(p + "reports")).isFalse();
      assertThat(server.databaseExists(p + "main")).isTrue();
      assertThat(up(mainOnly).unchanged()).isEqualTo(1);
    }

    PostgresCredentials nowhere = server.credentials().withHost("127.0.0.1", closedPort);
    assertThatThrownBy(() -> up(stage -> stage.run("elsewhere",
        ScopeOptions.defaults().credential(nowhere),
        elsewhere -> Role.declare(elsewhere, "r", Role.props(p + "r").build()))))
        .hasMessageContaining("Resource my-app/dev/elsewhere/r (postgres::Role) failed while"
            + " creating: Cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:"
            + closedPort + "/postgres as postgres")
        .hasMessageContaining("Check the PostgresCredentials of scope my-app/dev/elsewhere");
  }

  @Test
  void withoutCredentialsTheErrorSaysHowToConfigureThem() {
    assertThatThrownBy(() -> alchemy().credentials(ProviderCredentials.none()).build()
        .run(stage -> Role.declare(stage, "r", Role.props(p + "r").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("No PostgresCredentials credentials are configured for this scope");
  }
}
