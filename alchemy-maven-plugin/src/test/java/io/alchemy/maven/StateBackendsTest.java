package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.maven.ConfigurationProblem.Conflict;
import io.alchemy.maven.ConfigurationProblem.Incomplete;
import io.alchemy.maven.ConfigurationProblem.Invalid;
import io.alchemy.maven.ConfigurationProblem.Missing;
import io.alchemy.maven.ConfigurationProblem.NoSuchServer;
import io.alchemy.maven.ConfigurationProblem.UnknownChoice;
import io.alchemy.maven.ConfigurationProblem.Unresolved;
import io.alchemy.state.postgres.PostgresStateConfig;
import io.alchemy.state.postgres.PostgresStateStore;
import io.alchemy.state.s3.S3StateConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;

/**
 * The {@code backend} name and the {@code <postgres>} and {@code <s3>} blocks (and their
 * properties), configured as Maven does, resolved into the stores' configurations. The stores
 * themselves are proven against real servers by the ITs {@code postgres-backend} and {@code
 * s3-backend}.
 */
class StateBackendsTest {

  private static final String WHERE = "the alchemy-maven-plugin configuration";
  private static final Path STATE_DIR = Path.of("/p/target/alchemy/state");
  private static final String NEEDS = "The postgres state backend (from -Dalchemy.backend on the"
      + " command line)";

  private static SettingsServers servers(Server... servers) {
    Settings settings = new Settings();
    for (Server server : servers) {
      settings.addServer(server);
    }
    // Plain-text passwords "decrypt" to themselves, as with Maven's own decrypter.
    return new SettingsServers(settings, request -> new PlainDecryption(
        request.getServers().get(0)), "/home/me/.m2/settings.xml");
  }

  private static Server server(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    return server;
  }

  /** -D properties. */
  private static UserProperties cli(Map<String, String> values) {
    return name -> values.containsKey(name)
        ? new UserProperties.Value(values.get(name), "-D" + name + " on the command line") : null;
  }

  private static StateBackend open(String name, String xml, Map<String, String> properties,
      SettingsServers servers) throws Exception {
    Configure.Parameters p = Configure.parameters(xml);
    return new StateBackends(p.postgres, p.s3, cli(properties), servers).open(name, STATE_DIR,
        "-Dalchemy.stateDir or <stateDir>", NEEDS);
  }

  private static ConfigurationProblem.Problem problemOf(ThrowingRunnable run) {
    try {
      run.run();
    } catch (ConfigurationProblem e) {
      return e.problem();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a ConfigurationProblem");
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  // --- the name ---

  @Test
  void namesAreTheThreeBackendsInAnyCaseAndNoneIsTheFilesystem() throws Exception {
    assertThat(StateBackends.name(" Postgres ", "The state backend", "x", "y"))
        .isEqualTo("postgres");
    assertThat(StateBackends.name("S3", "The state backend", "x", "y")).isEqualTo("s3");
    assertThat(StateBackends.name(null, "The state backend", "x", "y")).isEqualTo("filesystem");
  }

  /** A blank backend is a mistake (a CI variable that was not set), never the default. */
  @Test
  void aBlankNameIsNoBackend() {
    assertThat(problemOf(() -> StateBackends.name(" ", "The state backend",
        "-Dalchemy.backend on the command line", "-Dalchemy.backend=postgres")))
        .isEqualTo(new UnknownChoice("The state backend", " ",
            "-Dalchemy.backend on the command line", List.of("filesystem", "postgres", "s3"),
            "-Dalchemy.backend=postgres"));
  }

  @Test
  void unknownNameListsTheChoices() {
    assertThat(problemOf(() -> StateBackends.name("mongodb", "The state backend",
        "-Dalchemy.backend on the command line", "-Dalchemy.backend=postgres")))
        .isEqualTo(new UnknownChoice("The state backend", "mongodb",
            "-Dalchemy.backend on the command line", List.of("filesystem", "postgres", "s3"),
            "-Dalchemy.backend=postgres"));
  }

  // --- filesystem ---

  @Test
  void filesystemKeepsStateUnderStateDir() throws Exception {
    StateBackend backend = open("filesystem", "", Map.of(), servers());
    assertThat(backend.store()).isInstanceOf(FileSystemStateStore.class);
    assertThat(backend.location("shop", "dev")).isEqualTo(STATE_DIR.resolve("shop/dev")
        .toAbsolutePath().toString());
    assertThat(backend.login()).isNull();
    assertThat(backend.note()).isEqualTo("state folder: " + STATE_DIR + ", set with"
        + " -Dalchemy.stateDir or <stateDir>");
  }

  // --- postgres ---

  @Test
  void postgresLoginFromASettingsServerNeverShowsThePassword() throws Exception {
    StateBackend backend = open("postgres", "<postgres>"
        + "<jdbcUrl>jdbc:postgresql://db:5432/infra?sslmode=require</jdbcUrl>"
        + "<serverId>infra-db</serverId><schema>ops</schema></postgres>", Map.of(),
        servers(server("infra-db", "alchemy", "db-pw-8812")));
    PostgresStateConfig config = ((PostgresStateStore) backend.store()).config();
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/infra?sslmode=require");
    assertThat(config.username()).isEqualTo("alchemy");
    assertThat(config.password().reveal()).isEqualTo("db-pw-8812");
    assertThat(config.schema()).isEqualTo("ops");
    assertThat(backend.location("shop", "dev"))
        .isEqualTo("table ops.records at jdbc:postgresql://db:5432/infra?…");
    assertThat(backend.login()).isEqualTo("user and password from settings.xml server"
        + " 'infra-db' (named by <postgres><serverId> in " + WHERE + ")");
    assertThat(backend.note()).isEqualTo("postgres state backend at"
        + " jdbc:postgresql://db:5432/infra?…: jdbcUrl from <postgres><jdbcUrl> in " + WHERE
        + "; " + backend.login());
    assertThat(String.join(" ", backend.note(), backend.login(), backend.store().toString()))
        .doesNotContain("db-pw-8812").doesNotContain("sslmode");
  }

  @Test
  void postgresFromPropertiesAloneWhereTheBlockIsSilent() throws Exception {
    StateBackend backend = open("postgres", "<postgres><schema>ops</schema></postgres>", Map.of(
        PropertyNames.POSTGRES_JDBC_URL, "jdbc:postgresql://db/infra",
        PropertyNames.POSTGRES_SCHEMA, "ignored",
        PropertyNames.POSTGRES_SERVER_ID, "infra-db"),
        servers(server("infra-db", "alchemy", "pw")));
    PostgresStateConfig config = ((PostgresStateStore) backend.store()).config();
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db/infra");
    // An element written in the block wins over its property.
    assertThat(config.schema()).isEqualTo("ops");
    assertThat(backend.login()).isEqualTo("user and password from settings.xml server"
        + " 'infra-db' (named by -Dalchemy.postgres.serverId on the command line)");
    assertThat(backend.note()).contains("jdbcUrl from -Dalchemy.postgres.jdbcUrl on the command"
        + " line");
  }

  @Test
  void postgresUserAndPasswordInTheBlock() throws Exception {
    StateBackend backend = open("postgres", "<postgres><jdbcUrl>jdbc:postgresql://db/infra"
        + "</jdbcUrl><username>ci</username><password>env-pw-1</password></postgres>", Map.of(),
        servers());
    PostgresStateConfig config = ((PostgresStateStore) backend.store()).config();
    assertThat(config.username()).isEqualTo("ci");
    assertThat(config.password().reveal()).isEqualTo("env-pw-1");
    assertThat(backend.login()).isEqualTo("user from <postgres><username> in " + WHERE
        + ", password from <postgres><password> in " + WHERE);
  }

  @Test
  void postgresWithoutLoginLeavesItToTheDriver() throws Exception {
    StateBackend backend = open("postgres", "", Map.of(PropertyNames.POSTGRES_JDBC_URL,
        "jdbc:postgresql://db/infra"), servers());
    PostgresStateConfig config = ((PostgresStateStore) backend.store()).config();
    assertThat(config.username()).isNull();
    assertThat(config.password()).isNull();
    assertThat(config.schema()).isEqualTo("alchemy");
  }

  @Test
  void postgresNeedsAJdbcUrl() {
    assertThat(problemOf(() -> open("postgres", "<postgres><serverId>x</serverId></postgres>",
        Map.of(), servers()))).isEqualTo(new Missing(NEEDS, "<postgres><jdbcUrl>",
        "Set <jdbcUrl>jdbc:postgresql://db.example.com:5432/infra</jdbcUrl> in the <postgres>"
            + " block of " + WHERE + ", or"
            + " -Dalchemy.postgres.jdbcUrl=jdbc:postgresql://db.example.com:5432/infra."));
  }

  @Test
  void postgresRejectsAnotherDatabasesUrlAndABadSchema() {
    assertThat(problemOf(() -> open("postgres", "", Map.of(PropertyNames.POSTGRES_JDBC_URL,
        "jdbc:mysql://db/infra"), servers())))
        .isInstanceOf(Invalid.class)
        .extracting(p -> ((Invalid) p).element(), p -> ((Invalid) p).origin())
        .containsExactly("<postgres><jdbcUrl>", "-Dalchemy.postgres.jdbcUrl on the command line");
    assertThat(problemOf(() -> open("postgres", "<postgres><jdbcUrl>jdbc:postgresql://db/infra"
        + "</jdbcUrl><schema>Ops-State</schema></postgres>", Map.of(), servers())))
        .isInstanceOf(Invalid.class)
        .extracting(p -> ((Invalid) p).element()).isEqualTo("<postgres><schema>");
  }

  @Test
  void postgresServerIdAndPasswordAreAConflict() {
    assertThat(problemOf(() -> open("postgres", "<postgres><jdbcUrl>jdbc:postgresql://db/infra"
        + "</jdbcUrl><password>pw</password></postgres>",
        Map.of(PropertyNames.POSTGRES_SERVER_ID, "infra-db"), servers())))
        .isEqualTo(new Conflict("<postgres><serverId>",
            "-Dalchemy.postgres.serverId on the command line", "<postgres><password>", WHERE,
            "serverId"));
  }

  @Test
  void postgresServerMustExistAndHaveBothElements() {
    String xml = "<postgres><jdbcUrl>jdbc:postgresql://db/infra</jdbcUrl>"
        + "<serverId>infra-db</serverId></postgres>";
    assertThat(problemOf(() -> open("postgres", xml, Map.of(), servers())))
        .isInstanceOf(NoSuchServer.class);
    assertThat(problemOf(() -> open("postgres", xml, Map.of(),
        servers(server("infra-db", "alchemy", null)))))
        .isInstanceOf(ConfigurationProblem.IncompleteServer.class)
        .extracting(p -> ((ConfigurationProblem.IncompleteServer) p).missing())
        .isEqualTo("<password>");
  }

  @Test
  void postgresPasswordFromAnUnsetVariableNamesOnlyTheExpression() {
    assertThat(problemOf(() -> open("postgres", "<postgres><jdbcUrl>jdbc:postgresql://db/infra"
        + "</jdbcUrl><username>ci</username><password>${env.PG_PW}</password></postgres>",
        Map.of(), servers())))
        .isEqualTo(new Unresolved("<postgres><password>", WHERE, "${env.PG_PW}"));
  }

  // --- s3 ---

  @Test
  void s3WithEveryElementAndKeysFromASettingsServer() throws Exception {
    StateBackend backend = open("s3", "<s3><bucket>team-state</bucket><prefix>/infra/</prefix>"
        + "<region>eu-central-1</region><endpointOverride>http://minio:9000</endpointOverride>"
        + "<pathStyle>true</pathStyle><lease>90</lease><serverId>state-bucket</serverId></s3>",
        Map.of(), servers(server("state-bucket", "AKIASTATE0001", "state-secret-77")));
    S3StateConfig config = config(backend);
    assertThat(config).isEqualTo(new S3StateConfig("team-state", "infra", "eu-central-1",
        URI.create("http://minio:9000"), true, "AKIASTATE0001",
        io.alchemy.core.secret.Secret.of("state-secret-77"), Duration.ofSeconds(90)));
    assertThat(backend.location("shop", "dev"))
        .isEqualTo("s3://team-state/infra/shop/dev/ at http://minio:9000");
    assertThat(backend.login()).isEqualTo("credentials from settings.xml server 'state-bucket'"
        + " (named by <s3><serverId> in " + WHERE + ")");
    assertThat(String.join(" ", backend.note(), backend.login(), backend.store().toString()))
        .doesNotContain("AKIASTATE0001").doesNotContain("state-secret-77");
  }

  @Test
  void s3FromPropertiesWithTheDefaultChain() throws Exception {
    StateBackend backend = open("s3", "", Map.of(PropertyNames.S3_BUCKET, "team-state",
        PropertyNames.S3_PATH_STYLE, "true", PropertyNames.S3_LEASE, "PT2M",
        PropertyNames.S3_REGION, "us-west-2"), servers());
    S3StateConfig config = config(backend);
    assertThat(config.prefix()).isEqualTo("alchemy");
    assertThat(config.pathStyle()).isTrue();
    assertThat(config.lease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.region()).isEqualTo("us-west-2");
    assertThat(config.accessKeyId()).isNull();
    assertThat(backend.login()).isEqualTo("credentials from the AWS SDK's default credentials"
        + " chain");
    assertThat(backend.location("shop", "prod")).isEqualTo("s3://team-state/alchemy/shop/prod/");
  }

  @Test
  void s3NeedsAValidBucketEndpointFlagAndLease() {
    assertThat(problemOf(() -> open("s3", "", Map.of(), servers()))).isInstanceOf(Missing.class)
        .extracting(p -> ((Missing) p).element()).isEqualTo("<s3><bucket>");
    assertThat(element(problemOf(() -> open("s3", "<s3><bucket>B1</bucket></s3>", Map.of(),
        servers())))).isEqualTo("<s3><bucket>");
    assertThat(element(problemOf(() -> open("s3", "<s3><bucket>team-state</bucket>"
        + "<endpointOverride>minio:9000</endpointOverride></s3>", Map.of(), servers()))))
        .isEqualTo("<s3><endpointOverride>");
    assertThat(element(problemOf(() -> open("s3", "<s3><bucket>team-state</bucket></s3>",
        Map.of(PropertyNames.S3_PATH_STYLE, "yes"), servers())))).isEqualTo("<s3><pathStyle>");
    assertThat(element(problemOf(() -> open("s3", "<s3><bucket>team-state</bucket>"
        + "<lease>soon</lease></s3>", Map.of(), servers())))).isEqualTo("<s3><lease>");
    assertThat(element(problemOf(() -> open("s3", "<s3><bucket>team-state</bucket>"
        + "<lease>PT0.5S</lease></s3>", Map.of(), servers())))).isEqualTo("<s3><lease>");
  }

  @Test
  void s3KeysComeInPairsAndNotWithAServer() {
    assertThat(problemOf(() -> open("s3", "<s3><bucket>team-state</bucket>"
        + "<accessKeyId>AKIA1</accessKeyId></s3>", Map.of(), servers())))
        .isInstanceOf(Incomplete.class)
        .extracting(p -> ((Incomplete) p).missing()).isEqualTo("<secretAccessKey>");
    assertThat(problemOf(() -> open("s3", "<s3><bucket>team-state</bucket>"
        + "<serverId>s</serverId><secretAccessKey>x</secretAccessKey></s3>", Map.of(),
        servers()))).isInstanceOf(Conflict.class);
  }

  @Test
  void blocksNeverShowSecrets() throws Exception {
    Configure.Parameters p = Configure.parameters("<postgres>"
        + "<jdbcUrl>jdbc:postgresql://db/infra?password=url-pw</jdbcUrl>"
        + "<username>ci</username><password>pg-pw</password></postgres>"
        + "<s3><bucket>b-state</bucket><accessKeyId>AKIAX</accessKeyId>"
        + "<secretAccessKey>s3-secret</secretAccessKey></s3>");
    assertThat(p.postgres + " " + p.s3).doesNotContain("url-pw").doesNotContain("pg-pw")
        .doesNotContain("AKIAX").doesNotContain("s3-secret")
        .contains("password=****").contains("secretAccessKey=****");
  }

  @Test
  void aBackendWhoseModuleIsNotAmongThePluginsDependenciesNamesTheDependency()
      throws Exception {
    // A loader that sees the plugin's classes but no backend's service file.
    ClassLoader withoutBackends = new ClassLoader(getClass().getClassLoader()) {
      @Override
      public java.util.Enumeration<java.net.URL> getResources(String name)
          throws java.io.IOException {
        return name.startsWith("META-INF/services/")
            ? java.util.Collections.emptyEnumeration() : super.getResources(name);
      }
    };
    for (String name : List.of("postgres", "s3")) {
      Configure.Parameters p = Configure.parameters("<postgres><jdbcUrl>jdbc:postgresql://db/x"
          + "</jdbcUrl></postgres><s3><bucket>team-state</bucket></s3>");
      assertThat(problemOf(() -> new StateBackends(p.postgres, p.s3, cli(Map.of()), servers())
          .withBackendsFrom(withoutBackends).open(name, STATE_DIR, "-Dalchemy.stateDir", NEEDS)))
          .isInstanceOf(ConfigurationProblem.NotInstalled.class)
          .extracting(problem -> ((ConfigurationProblem.NotInstalled) problem).artifactId())
          .isEqualTo("alchemy-state-" + name);
    }
  }

  private static String element(ConfigurationProblem.Problem problem) {
    assertThat(problem).isInstanceOf(Invalid.class);
    return ((Invalid) problem).element();
  }

  private static S3StateConfig config(StateBackend backend) {
    return ((io.alchemy.state.s3.LazyS3StateStore) backend.store()).config();
  }
}
