package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.secret.Secret;
import io.alchemy.maven.ConfigurationProblem.Conflict;
import io.alchemy.maven.ConfigurationProblem.Incomplete;
import io.alchemy.maven.ConfigurationProblem.IncompleteServer;
import io.alchemy.maven.ConfigurationProblem.NoSuchServer;
import io.alchemy.maven.ConfigurationProblem.UndecryptableServer;
import io.alchemy.maven.ConfigurationProblem.Unresolved;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

/**
 * The app password and the {@code <credentials>} block, read from parameters configured as Maven
 * does and from settings.xml servers, with a decrypter that stands in for Maven's: it "decrypts"
 * {@code {abc}} to {@code cba}, and fails on {@code {broken}}.
 */
class SecretSourcesTest {

  private static final String WHERE = "the alchemy-maven-plugin configuration";

  private static final SettingsDecrypter DECRYPTER = request -> {
    Server server = request.getServers().get(0).clone();
    List<SettingsProblem> problems = new ArrayList<>();
    String password = server.getPassword();
    if ("{broken}".equals(password)) {
      problems.add(new DefaultSettingsProblem("Failed to decrypt password for server "
          + server.getId() + ": bad master password", SettingsProblem.Severity.ERROR,
          "server: " + server.getId(), -1, -1, null));
    } else if (password != null && password.startsWith("{") && password.endsWith("}")) {
      server.setPassword(new StringBuilder(password.substring(1, password.length() - 1))
          .reverse().toString());
    }
    return new SettingsDecryptionResult() {
      @Override public Server getServer() { return server; }
      @Override public List<Server> getServers() { return List.of(server); }
      @Override public Proxy getProxy() { return null; }
      @Override public List<Proxy> getProxies() { return List.of(); }
      @Override public List<SettingsProblem> getProblems() { return problems; }
    };
  };

  private static SettingsServers servers(Server... servers) {
    Settings settings = new Settings();
    for (Server server : servers) {
      settings.addServer(server);
    }
    return new SettingsServers(settings, DECRYPTER, "/home/me/.m2/settings.xml");
  }

  private static Server server(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    return server;
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

  private static PasswordSource password(String xml) throws Exception {
    Configure.Parameters p = Configure.parameters(xml);
    return new PasswordSource(p.password, "<password> in the POM", p.passwordServerId,
        "-Dalchemy.passwordServerId on the command line");
  }

  // --- the app password ---

  @Test
  void passwordFromAnEncryptedSettingsServer() throws Exception {
    PasswordSource source = password("<passwordServerId>alchemy-prod</passwordServerId>");
    Secret secret = source.resolve(servers(server("alchemy-prod", null, "{drowssap}")));
    assertThat(secret.reveal()).isEqualTo("password");
    assertThat(source.describe()).isEqualTo("settings.xml server 'alchemy-prod' (named by"
        + " -Dalchemy.passwordServerId on the command line)");
  }

  @Test
  void plainPasswordIsUsedAsItIsAndDescribedByItsOriginOnly() throws Exception {
    PasswordSource source = password("<password>hunter2</password>");
    assertThat(source.resolve(servers()).reveal()).isEqualTo("hunter2");
    assertThat(source.describe()).isEqualTo("<password> in the POM");
  }

  @Test
  void neitherLeavesAlchemysDefault() throws Exception {
    assertThat(password("").resolve(servers())).isNull();
  }

  @Test
  void bothIsAConflict() throws Exception {
    PasswordSource source = password(
        "<password>hunter2</password><passwordServerId>alchemy-prod</passwordServerId>");
    assertThat(problemOf(() -> source.resolve(servers()))).isEqualTo(new Conflict("password",
        "<password> in the POM", "passwordServerId",
        "-Dalchemy.passwordServerId on the command line", "passwordServerId"));
  }

  @Test
  void missingServerIsNamed() throws Exception {
    PasswordSource source = password("<passwordServerId>alchemy-prod</passwordServerId>");
    assertThat(problemOf(() -> source.resolve(servers(server("other", null, "x")))))
        .isEqualTo(new NoSuchServer("alchemy-prod",
            "passwordServerId from -Dalchemy.passwordServerId on the command line",
            "/home/me/.m2/settings.xml", "<password>...</password>"));
  }

  @Test
  void decryptionFailureIsAnError() throws Exception {
    PasswordSource source = password("<passwordServerId>alchemy-prod</passwordServerId>");
    assertThat(problemOf(() -> source.resolve(servers(server("alchemy-prod", null, "{broken}")))))
        .isEqualTo(new UndecryptableServer("alchemy-prod",
            "passwordServerId from -Dalchemy.passwordServerId on the command line",
            "Failed to decrypt password for server alchemy-prod: bad master password"));
  }

  @Test
  void serverWithoutPasswordIsAnError() throws Exception {
    PasswordSource source = password("<passwordServerId>alchemy-prod</passwordServerId>");
    assertThat(problemOf(() -> source.resolve(servers(server("alchemy-prod", "me", null)))))
        .isInstanceOf(IncompleteServer.class)
        .extracting(p -> ((IncompleteServer) p).missing()).isEqualTo("<password>");
  }

  @Test
  void partlyUnresolvedPasswordNamesOnlyTheExpression() throws Exception {
    PasswordSource source = password("<password>pre-${env.ALCHEMY_PW}</password>");
    ConfigurationProblem.Problem problem = problemOf(() -> source.resolve(servers()));
    assertThat(problem).isEqualTo(
        new Unresolved("password", "<password> in the POM", "${env.ALCHEMY_PW}"));
    assertThat(problem.toString()).doesNotContain("pre-");
  }

  // --- <credentials> ---

  private static ProviderCredentials credentials(String xml, SettingsServers servers,
      List<String> sources) throws Exception {
    return Configure.parameters("<credentials>" + xml + "</credentials>").credentials
        .resolve(servers, WHERE, sources);
  }

  @Test
  void awsFromASettingsServer() throws Exception {
    List<String> sources = new ArrayList<>();
    AwsCredentials aws = credentials(
        "<aws><region>us-east-1</region><serverId>aws-prod</serverId></aws>",
        servers(server("aws-prod", "AKIAPROD", "{terces}")), sources)
        .require(AwsCredentials.class);
    assertThat(aws.accessKeyId()).isEqualTo("AKIAPROD");
    assertThat(aws.secretAccessKey().reveal()).isEqualTo("secret");
    assertThat(aws.region()).isEqualTo("us-east-1");
    assertThat(sources).containsExactly("aws from settings.xml server 'aws-prod', region us-east-1");
  }

  @Test
  void awsFromKeysInTheConfiguration() throws Exception {
    List<String> sources = new ArrayList<>();
    AwsCredentials aws = credentials("<aws><region>eu-west-1</region>"
        + "<accessKeyId>AKIADEV</accessKeyId><secretAccessKey>dev-secret</secretAccessKey></aws>",
        servers(), sources).require(AwsCredentials.class);
    assertThat(aws).isEqualTo(new AwsCredentials("AKIADEV", Secret.of("dev-secret"), "eu-west-1"));
    assertThat(sources).containsExactly("aws from <accessKeyId>/<secretAccessKey>, region"
        + " eu-west-1");
    assertThat(String.join(" ", sources)).doesNotContain("AKIADEV").doesNotContain("dev-secret");
  }

  @Test
  void awsWithOnlyARegionUsesTheSdkDefaultChain() throws Exception {
    List<String> sources = new ArrayList<>();
    AwsCredentials aws = credentials("<aws><region>us-west-2</region></aws>", servers(), sources)
        .require(AwsCredentials.class);
    assertThat(aws).isEqualTo(new AwsCredentials(null, null, "us-west-2"));
    assertThat(sources).containsExactly("aws from the AWS SDK's default credentials chain,"
        + " region us-west-2");
  }

  @Test
  void noCredentialsBlockMeansNoKinds() throws Exception {
    assertThat(credentials("", servers(), new ArrayList<>()))
        .hasToString("ProviderCredentials[]");
  }

  @Test
  void awsServerIdWithKeysIsAConflict() {
    assertThat(problemOf(() -> credentials("<aws><serverId>aws-prod</serverId>"
        + "<secretAccessKey>x</secretAccessKey></aws>", servers(), new ArrayList<>())))
        .isEqualTo(new Conflict("<credentials><aws><serverId>", WHERE,
            "<credentials><aws><accessKeyId>/<secretAccessKey>", WHERE, "serverId"));
  }

  @Test
  void awsKeyIdWithoutSecretIsIncomplete() {
    assertThat(problemOf(() -> credentials("<aws><accessKeyId>AKIA</accessKeyId></aws>",
        servers(), new ArrayList<>())))
        .isInstanceOf(Incomplete.class)
        .extracting(p -> ((Incomplete) p).missing()).isEqualTo("<secretAccessKey>");
  }

  @Test
  void awsServerWithoutUsernameIsIncomplete() {
    assertThat(problemOf(() -> credentials("<aws><serverId>aws-prod</serverId></aws>",
        servers(server("aws-prod", null, "{x}")), new ArrayList<>())))
        .isEqualTo(new IncompleteServer("aws-prod",
            "<credentials><aws><serverId> in " + WHERE, "<username>",
            "for AWS, its <username> is the access key id and its <password> the secret access"
                + " key"));
  }

  @Test
  void awsUnresolvedEnvironmentVariableIsNamed() {
    assertThat(problemOf(() -> credentials("<aws><region>${env.AWS_REGION}</region></aws>",
        servers(), new ArrayList<>())))
        .isEqualTo(new Unresolved("<credentials><aws><region>", WHERE, "${env.AWS_REGION}"));
  }

  @Test
  void anS3EndpointBesideAwsSendsTheS3ProvidersElsewhere() throws Exception {
    List<String> sources = new ArrayList<>();
    ProviderCredentials all = credentials("<aws><region>us-east-1</region></aws>"
        + "<s3Endpoint><url>http://localhost:9000</url></s3Endpoint>", servers(), sources);
    assertThat(all.require(S3Endpoint.class))
        .isEqualTo(new S3Endpoint(URI.create("http://localhost:9000"), true));
    assertThat(sources).contains("s3Endpoint from http://localhost:9000 (path-style)");
    assertThat(problemOf(() -> credentials("<s3Endpoint><url>not a url</url></s3Endpoint>",
        servers(), new ArrayList<>())))
        .isInstanceOf(ConfigurationProblem.Invalid.class);
  }

  @Test
  void postgresFromASettingsServerWithDefaultPortAndDatabase() throws Exception {
    List<String> sources = new ArrayList<>();
    PostgresCredentials postgres = credentials("<postgres><host>db.example.com</host>"
        + "<serverId>pg-admin</serverId></postgres>",
        servers(server("pg-admin", "admin", "{terces}")), sources)
        .require(PostgresCredentials.class);
    assertThat(postgres).isEqualTo(new PostgresCredentials("db.example.com", 5432, "postgres",
        "admin", Secret.of("secret")));
    assertThat(sources).containsExactly("postgres from settings.xml server 'pg-admin',"
        + " db.example.com:5432/postgres");
  }

  @Test
  void postgresFromUserAndPasswordBesideAws() throws Exception {
    List<String> sources = new ArrayList<>();
    ProviderCredentials all = credentials("<aws><region>us-east-1</region></aws>"
        + "<postgres><host>db</host><port>6543</port><database>ops</database>"
        + "<username>admin</username><password>pg-pw-4242</password></postgres>", servers(),
        sources);
    assertThat(all.require(PostgresCredentials.class)).isEqualTo(new PostgresCredentials("db",
        6543, "ops", "admin", Secret.of("pg-pw-4242")));
    assertThat(all.require(AwsCredentials.class).region()).isEqualTo("us-east-1");
    assertThat(sources).containsExactly(
        "aws from the AWS SDK's default credentials chain, region us-east-1",
        "postgres from <username>/<password>, db:6543/ops");
  }

  @Test
  void postgresUserWithoutPasswordIsForTrustedConnections() throws Exception {
    List<String> sources = new ArrayList<>();
    PostgresCredentials postgres = credentials("<postgres><host>db</host>"
        + "<username>admin</username></postgres>", servers(), sources)
        .require(PostgresCredentials.class);
    assertThat(postgres.password()).isNull();
    assertThat(sources).containsExactly("postgres from <username> (no password), db:5432/postgres");
  }

  @Test
  void postgresNeedsAHostAndAUser() {
    assertThat(problemOf(() -> credentials("<postgres><serverId>pg</serverId></postgres>",
        servers(), new ArrayList<>())))
        .isEqualTo(new ConfigurationProblem.Missing("<credentials><postgres> in " + WHERE,
            "<credentials><postgres><host>", "Set <host>db.example.com</host> (and <port> unless"
                + " it is 5432)."));
    assertThat(problemOf(() -> credentials("<postgres><host>db</host></postgres>", servers(),
        new ArrayList<>())))
        .isInstanceOf(Incomplete.class)
        .extracting(p -> ((Incomplete) p).missing()).isEqualTo("<username>");
  }

  @Test
  void postgresServerIdWithUserIsAConflictAndABadPortIsNamed() {
    assertThat(problemOf(() -> credentials("<postgres><host>db</host><serverId>pg</serverId>"
        + "<username>admin</username></postgres>", servers(), new ArrayList<>())))
        .isEqualTo(new Conflict("<credentials><postgres><serverId>", WHERE,
            "<credentials><postgres><username>/<password>", WHERE, "serverId"));
    assertThat(problemOf(() -> credentials("<postgres><host>db</host><port>70000</port>"
        + "<username>admin</username></postgres>", servers(), new ArrayList<>())))
        .isInstanceOf(ConfigurationProblem.Invalid.class);
  }

  @Test
  void configurationObjectsNeverShowSecrets() throws Exception {
    Configure.Parameters p = Configure.parameters("<password>hunter2</password><credentials>"
        + "<aws><accessKeyId>AKIADEV</accessKeyId><secretAccessKey>dev-secret</secretAccessKey>"
        + "</aws></credentials>");
    assertThat(p.password).hasToString("****");
    assertThat(p.credentials.toString()).isEqualTo("credentials[aws[region=null, serverId=null,"
        + " accessKeyId=****, secretAccessKey=****]]");
  }
}
