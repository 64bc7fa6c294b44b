package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.alchemy.core.Alchemy;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanFile;
import io.alchemy.core.testing.FolderHash;
import java.io.File;
import java.io.IOException;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Arrays;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite of the Maven goals: one row per input that only the plugin sees (blank
 * stage or app, however Maven hands them over; property typos; durations; backends; the
 * parallelism; watch pacing; password settings; a state folder, events file or plan file that
 * cannot be; resources to replace; an approved plan that cannot be applied; bad names as Maven
 * passes them). Each row configures a goal as Maven would (parameters, {@code -D} and POM
 * properties, the environment), runs it against a project folder that holds a deployed {@code
 * shop/dev} stage, and asserts the failure (or, for a typo, the warning), that the message says
 * what, where and how to fix, and that every file of the folder, state and resources alike, is
 * byte-identical afterwards. The engine's own inputs are in the core's {@code BadInputTest}.
 */
@MojoTest
class BadConfigurationTest {

  private static final String PLAIN = "src/test/resources/unit/plain/pom.xml";

  /** Said by every configuration error: nothing was touched. */
  private static final String NOTHING = "Nothing was run or written.";

  /**
   * One bad configuration.
   *
   * @param input what the user gave, the row's name
   * @param parameters the goal's parameters as Maven injected them ({@code null} leaves one out)
   * @param commandLine {@code -D} properties
   * @param pom properties of the POM or an active profile
   * @param environment environment variables
   * @param failure the expected failure, or {@code null} when the goal goes on (a warning)
   * @param fragments what the failure's message (or, without a failure, the warning) must say;
   *     {@code {project}} stands for the project folder
   */
  record Row(String input, Map<String, Object> parameters, Map<String, String> commandLine,
      Map<String, String> pom, Map<String, String> environment,
      Class<? extends Exception> failure, List<String> fragments) {

    @Override
    public String toString() {
      return input;
    }
  }

  /** Builds a row. */
  private static final class RowBuilder {
    private final String input;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, String> commandLine = new LinkedHashMap<>();
    private final Map<String, String> pom = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    RowBuilder(String input) {
      this.input = input;
    }

    RowBuilder parameter(String name, Object value) {
      parameters.put(name, value);
      return this;
    }

    /** A {@code -D} property, which Maven also hands to the parameter as {@code value}. */
    RowBuilder cli(String property, String value) {
      commandLine.put(property, value);
      return this;
    }

    RowBuilder pom(String property, String value) {
      pom.put(property, value);
      return this;
    }

    RowBuilder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    Row fails(String... fragments) {
      return new Row(input, parameters, commandLine, pom, environment,
          MojoFailureException.class, List.of(fragments));
    }

    /** A failure of the machine rather than of the configuration, as Maven words it. */
    Row errors(String... fragments) {
      return new Row(input, parameters, commandLine, pom, environment,
          MojoExecutionException.class, List.of(fragments));
    }

    Row warns(String... fragments) {
      return new Row(input, parameters, commandLine, pom, environment, null, List.of(fragments));
    }
  }

  private static RowBuilder row(String input) {
    return new RowBuilder(input);
  }

  // ---------------------------------------------------------------- rows per goal

  /** Blank stage and app: never the default, on every goal. */
  static Stream<Row> blankNames() {
    String absent = "to use the default. " + NOTHING;
    return Stream.of(
        row("-Dalchemy.stage= (Maven passes null)").cli("alchemy.stage", "")
            .fails("The stage is blank: -Dalchemy.stage on the command line sets it to ''.",
                "A blank stage is not taken as the default (ALCHEMY_STAGE if set, else dev)",
                "e.g. -Dalchemy.stage=prod or <stage>prod</stage>, or remove -Dalchemy.stage",
                absent),
        row("-Dalchemy.stage=' ' (Maven passes it)").cli("alchemy.stage", " ")
            .parameter("stage", " ")
            .fails("The stage is blank: -Dalchemy.stage on the command line sets it to ' '.",
                "remove -Dalchemy.stage " + absent),
        row("-Dalchemy.stage= (Maven passes '')").cli("alchemy.stage", "")
            .parameter("stage", "")
            .fails("The stage is blank: -Dalchemy.stage on the command line sets it to ''."),
        row("<alchemy.stage/> in the POM").pom("alchemy.stage", "")
            .fails("The stage is blank: the <alchemy.stage> property of the POM or an active"
                + " profile sets it to ''.", "remove <alchemy.stage> " + absent),
        row("<stage> </stage> in the configuration").parameter("stage", "  ")
            .fails("The stage is blank: <stage> in the alchemy-maven-plugin configuration sets"
                + " it to '  '.", "remove <stage> " + absent),
        row("ALCHEMY_STAGE set but blank").env("ALCHEMY_STAGE", "")
            .fails("The stage is blank: the ALCHEMY_STAGE environment variable sets it to ''.",
                "not taken as the default (dev)", "e.g. -Dalchemy.stage=prod (or"
                    + " ALCHEMY_STAGE=prod), or unset ALCHEMY_STAGE " + absent),
        row("ALCHEMY_STAGE of spaces").env("ALCHEMY_STAGE", "   ")
            .fails("the ALCHEMY_STAGE environment variable sets it to '   '."),
        row("-Dalchemy.app= (Maven passes the default)").cli("alchemy.app", "")
            .parameter("app", "{artifactId}")
            .fails("The app is blank: -Dalchemy.app on the command line sets it to ''.",
                "A blank app is not taken as the default (the project's artifactId (plain))",
                "e.g. -Dalchemy.app=my-app or <app>my-app</app>, or remove -Dalchemy.app "
                    + absent),
        row("-Dalchemy.app=' '").cli("alchemy.app", " ").parameter("app", " ")
            .fails("The app is blank: -Dalchemy.app on the command line sets it to ' '."),
        row("<alchemy.app> </alchemy.app> in a profile").pom("alchemy.app", " ")
            .parameter("app", "{artifactId}")
            .fails("The app is blank: the <alchemy.app> property of the POM or an active profile"
                + " sets it to ' '."));
  }

  /** Names Maven passes on: the engine's rule, with where the value came from. */
  static Stream<Row> badNames() {
    return Stream.of(
        row("-Dalchemy.stage=feature/login").cli("alchemy.stage", "feature/login")
            .parameter("stage", "feature/login")
            .fails("The stage name 'feature/login' contains '/'.",
                "The stage 'feature/login' came from -Dalchemy.stage on the command line;"
                    + " choose another with -Dalchemy.stage=feature-login or <stage>", NOTHING),
        row("stage of 300 characters").cli("alchemy.stage", "p".repeat(300))
            .parameter("stage", "p".repeat(300))
            .fails("is 300 characters long", "or be longer than 64 characters",
                "-Dalchemy.stage=" + "p".repeat(64) + " or <stage>", NOTHING),
        row("<stage>.hidden</stage>").parameter("stage", ".hidden")
            .fails("The stage name '.hidden' starts with '.'", "came from <stage> in the"
                + " alchemy-maven-plugin configuration", "-Dalchemy.stage=hidden"),
        row("-Dalchemy.stage=dev@local").cli("alchemy.stage", "dev@local")
            .parameter("stage", "dev@local")
            .fails("contains '@'", "-Dalchemy.stage=dev-local"),
        row("ALCHEMY_STAGE=team/a").env("ALCHEMY_STAGE", "team/a")
            .fails("The stage name 'team/a' contains '/'", "came from the ALCHEMY_STAGE"
                + " environment variable", "-Dalchemy.stage=team-a"),
        row("-Dalchemy.app=my:app").cli("alchemy.app", "my:app").parameter("app", "my:app")
            .fails("The app name 'my:app' contains ':'", "came from -Dalchemy.app on the command"
                + " line; choose another with -Dalchemy.app=my-app", NOTHING),
        row("app of 80 characters").parameter("app", "a".repeat(80))
            .fails("is 80 characters long", "came from <app> in the alchemy-maven-plugin"
                + " configuration"));
  }

  /** Values of the goals shared by every goal that opens state. */
  static Stream<Row> badValues() {
    return Stream.of(
        row("-Dalchemy.lockTimeout='10 minutes'").cli("alchemy.lockTimeout", "10 minutes")
            .parameter("lockTimeout", "10 minutes")
            .fails("The lock timeout '10 minutes' (from -Dalchemy.lockTimeout on the command"
                + " line) is neither an ISO-8601 duration nor a number of seconds",
                "Use e.g. -Dalchemy.lockTimeout=PT10M"),
        row("lockTimeout -PT1S").parameter("lockTimeout", "-PT1S")
            .fails("The lock timeout '-PT1S' (from <lockTimeout> in the alchemy-maven-plugin"
                + " configuration)", "of zero or more"),
        row("lockTimeout -5 seconds").pom("alchemy.lockTimeout", "-5")
            .parameter("lockTimeout", "-5")
            .fails("The lock timeout '-5' (from the <alchemy.lockTimeout> property of the POM or"
                + " an active profile)", "or 0 to fail at once"),
        row("lockTimeout P1Y").parameter("lockTimeout", "P1Y")
            .fails("The lock timeout 'P1Y'", "PT10M (ten minutes), 600 (seconds)"),
        row("lockTimeout 10m").cli("alchemy.lockTimeout", "10m").parameter("lockTimeout", "10m")
            .fails("The lock timeout '10m'", "ISO-8601"),
        row("-Dalchemy.backend=mongodb").cli("alchemy.backend", "mongodb")
            .parameter("backend", "mongodb")
            .fails("The state backend 'mongodb' (from -Dalchemy.backend on the command line) is"
                + " not one of filesystem, postgres, s3.", "Choose one with"
                + " -Dalchemy.backend=postgres", NOTHING),
        row("-Dalchemy.backend= (blank)").cli("alchemy.backend", "")
            .parameter("backend", "")
            .fails("The state backend '' (from -Dalchemy.backend on the command line) is"
                + " not one of filesystem, postgres, s3.", NOTHING),
        row("backend 'files'").parameter("backend", "files")
            .fails("The state backend 'files' (from <backend> in the alchemy-maven-plugin"
                + " configuration) is not one of filesystem, postgres, s3."),
        row("backend postgres without a jdbcUrl").parameter("backend", "postgres")
            .fails("The postgres state backend (from <backend> in the alchemy-maven-plugin"
                + " configuration) needs <postgres><jdbcUrl>, which is not set.", NOTHING),
        row("backend s3 without a bucket").cli("alchemy.backend", "s3").parameter("backend", "s3")
            .fails("The s3 state backend (from -Dalchemy.backend on the command line) needs"
                + " <s3><bucket>, which is not set.", NOTHING),
        row("-Dalchemy.postgres.jdbcUrl that is not JDBC").parameter("backend", "postgres")
            .cli("alchemy.postgres.jdbcUrl", "postgres://db:5432/infra")
            .fails("does not start with jdbc:postgresql:. Set it like"
                + " jdbc:postgresql://db.example.com:5432/infra.", "(<postgres><jdbcUrl> came"
                + " from -Dalchemy.postgres.jdbcUrl on the command line.)", NOTHING),
        row("-Dalchemy.postgres.schema=Infra-State").parameter("backend", "postgres")
            .cli("alchemy.postgres.jdbcUrl", "jdbc:postgresql://db:5432/infra")
            .pom("alchemy.postgres.schema", "Infra-State")
            .fails("The PostgreSQL state schema 'Infra-State' is not a plain lower-case"
                + " identifier", "Choose another schema name", "(<postgres><schema> came from"
                + " the <alchemy.postgres.schema> property of the POM or an active profile.)",
                NOTHING),
        row("state folder that is a file").parameter("stateDir", "{project}/state-file")
            .fails("The state folder {project}/state-file cannot be used: it is a file, not a"
                + " folder.", "Set stateDir to a folder, e.g."
                + " -Dalchemy.stateDir=target/alchemy/state", "or move the file away", NOTHING),
        row("-Dalchemy.stateDir below a file").cli("alchemy.stateDir", "{project}/state-file/s")
            .parameter("stateDir", "{project}/state-file/s")
            .fails("The state folder {project}/state-file/s cannot be used: {project}/state-file"
                + " is a file, not a folder.", "(<stateDir> came from -Dalchemy.stateDir on the"
                + " command line.)", NOTHING),
        row("passwordServerId naming no server").parameter("passwordServerId", "alchemy-prod")
            .fails("The passwordServerId from <passwordServerId> in the alchemy-maven-plugin"
                + " configuration names the server 'alchemy-prod', but settings.xml has no"
                + " <server> with that id", "Add <server><id>alchemy-prod</id>", NOTHING),
        row("both password and passwordServerId").parameter("password", "app-pw-1234")
            .parameter("passwordServerId", "alchemy-prod")
            .fails("Both password (from <password> in the alchemy-maven-plugin configuration)"
                + " and passwordServerId (from <passwordServerId> in the alchemy-maven-plugin"
                + " configuration) are set: use one or the other. Prefer passwordServerId.",
                NOTHING),
        row("events file below a file").parameter("eventsFile", "{project}/state-file/e.jsonl")
            .errors("cannot write the events file {project}/state-file/e.jsonl",
                "Set a writable path with -Dalchemy.eventsFile or <eventsFile>"));
  }

  /** The parallelism, on every goal that runs a definition. */
  static Stream<Row> badParallelism() {
    String fix = "use a whole number of 1 or more, e.g. -Dalchemy.parallelism=10 (the default) or"
        + " <parallelism>10</parallelism>, or 1 to run everything one at a time";
    return Stream.of(
        row("-Dalchemy.parallelism=0").cli("alchemy.parallelism", "0")
            .parameter("parallelism", "0")
            .fails("The parallelism '0' (from -Dalchemy.parallelism on the command line) is"
                + " below 1.", "how many provider calls (and deletions) run at once", fix,
                NOTHING),
        row("<parallelism>-4</parallelism>").parameter("parallelism", "-4")
            .fails("The parallelism '-4' (from <parallelism> in the alchemy-maven-plugin"
                + " configuration) is below 1.", fix, NOTHING),
        row("-Dalchemy.parallelism=four").cli("alchemy.parallelism", "four")
            .parameter("parallelism", "four")
            .fails("The parallelism 'four' (from -Dalchemy.parallelism on the command line) is"
                + " not a whole number.", fix, NOTHING),
        row("<alchemy.parallelism>2.5</alchemy.parallelism> in the POM")
            .pom("alchemy.parallelism", "2.5").parameter("parallelism", "2.5")
            .fails("The parallelism '2.5' (from the <alchemy.parallelism> property of the POM or"
                + " an active profile) is not a whole number.", NOTHING),
        row("-Dalchemy.parallelism=99999999999").cli("alchemy.parallelism", "99999999999")
            .parameter("parallelism", "99999999999")
            .fails("The parallelism '99999999999'", "is larger than 2147483647.", fix, NOTHING),
        row("<parallelism> </parallelism>").parameter("parallelism", " ")
            .fails("The parallelism ' ' (from <parallelism> in the alchemy-maven-plugin"
                + " configuration) is not a whole number.", NOTHING));
  }

  /** Watch pacing. */
  static Stream<Row> badWatch() {
    return Stream.of(
        row("-Dalchemy.watch.maxRuns=-1").parameter("watch", true)
            .cli("alchemy.watch.maxRuns", "-1").parameter("maxRuns", -1)
            .fails("The number of watch runs -1 (from -Dalchemy.watch.maxRuns on the command"
                + " line) is negative.", "Use 0 to watch until Ctrl-C, or a positive count",
                NOTHING),
        row("<maxRuns>-3</maxRuns>").parameter("watch", true).parameter("maxRuns", -3)
            .fails("The number of watch runs -3 (from <maxRuns> in the alchemy-maven-plugin"
                + " configuration) is negative."),
        row("-Dalchemy.watch.debounceMillis=-200").parameter("watch", true)
            .cli("alchemy.watch.debounceMillis", "-200").parameter("debounceMillis", -200L)
            .fails("The watch debounce -200 ms (from -Dalchemy.watch.debounceMillis on the"
                + " command line) is negative.", "-Dalchemy.watch.debounceMillis=200 (the"
                + " default)", NOTHING));
  }

  /** The same pacing, on alchemy:dev, which always watches. */
  static Stream<Row> badDevWatch() {
    return Stream.of(
        row("dev -Dalchemy.watch.maxRuns=-1").cli("alchemy.watch.maxRuns", "-1")
            .parameter("maxRuns", -1)
            .fails("The number of watch runs -1 (from -Dalchemy.watch.maxRuns on the command"
                + " line) is negative.", NOTHING),
        row("dev <debounceMillis>-1</debounceMillis>").parameter("debounceMillis", -1L)
            .fails("The watch debounce -1 ms (from <debounceMillis> in the alchemy-maven-plugin"
                + " configuration) is negative."),
        row("dev -Dalchemy.stage=").cli("alchemy.stage", "")
            .fails("The stage is blank: -Dalchemy.stage on the command line sets it to ''."),
        row("dev lockTimeout 'soon'").parameter("lockTimeout", "soon")
            .fails("The lock timeout 'soon'"));
  }

  /** The resources to replace, on up and plan. */
  static Stream<Row> badReplace() {
    String fix = "Name each resource by its FQN (app/stage/scopes/id), several separated by"
        + " commas, e.g. -Dalchemy.replace=shop/dev/config or"
        + " <replace><fqn>shop/dev/config</fqn></replace>";
    return Stream.of(
        row("-Dalchemy.replace= (Maven passes none)").cli("alchemy.replace", "")
            .fails("The resources to replace are blank: -Dalchemy.replace on the command line"
                + " sets alchemy.replace to ''. " + fix + ", or remove it to replace nothing.",
                NOTHING),
        row("-Dalchemy.replace=shop/dev/a,,shop/dev/b")
            .cli("alchemy.replace", "shop/dev/a,,shop/dev/b")
            .parameter("replace", Arrays.asList("shop/dev/a", "", "shop/dev/b"))
            .fails("The resources to replace (alchemy.replace, from -Dalchemy.replace on the"
                + " command line) hold a blank entry: entry 2 of 'shop/dev/a,,shop/dev/b'. " + fix
                + ". " + NOTHING),
        row("<replace> with a blank <fqn>")
            .parameter("replace", Arrays.asList("shop/dev/config", null))
            .fails("The resources to replace (alchemy.replace, from <replace> in the"
                + " alchemy-maven-plugin configuration) hold a blank entry: entry 2 of"
                + " 'shop/dev/config,'.", NOTHING),
        row("-Dalchemy.replace=config (an id, not an FQN)").cli("alchemy.replace", "config")
            .parameter("replace", List.of("config"))
            .fails("The resource to replace 'config' (alchemy.replace, from -Dalchemy.replace on"
                + " the command line) is not the FQN of a resource of shop/dev (the stage came"
                + " from the default (dev)): an FQN is app/stage/scopes/id, e.g. shop/dev/config.",
                NOTHING),
        row("<replace> of another stage's FQN")
            .parameter("replace", List.of(" shop/prod/site/page "))
            .fails("The resource to replace 'shop/prod/site/page' (alchemy.replace, from"
                + " <replace> in the alchemy-maven-plugin configuration) is not the FQN of a"
                + " resource of shop/dev", "e.g. shop/dev/site/page.", NOTHING));
  }

  /** The approved plan up applies, and what up cannot combine with watch mode. */
  static Stream<Row> badApprovedPlan() {
    return Stream.of(
        row("-Dalchemy.plan= (Maven passes none)").cli("alchemy.plan", "")
            .fails("The approved plan is blank: -Dalchemy.plan on the command line sets"
                + " alchemy.plan to ''. A blank approved plan is not taken as none: alchemy:up"
                + " would then deploy whatever the definition asks for, unreviewed. Name the"
                + " file, e.g. -Dalchemy.plan=target/alchemy/plan.json, or remove alchemy.plan to"
                + " deploy without a plan. " + NOTHING),
        row("-Dalchemy.plan naming no file").cli("alchemy.plan", "{project}/plans/missing.json")
            .parameter("plan", "{project}/plans/missing.json")
            .fails("The plan file {project}/plans/missing.json does not exist.",
                "(<plan> came from -Dalchemy.plan on the command line.) " + NOTHING),
        row("<plan> that is not JSON").parameter("plan", "{project}/plans/broken.json")
            .fails("The plan file {project}/plans/broken.json cannot be used: it is not valid"
                + " JSON", "(<plan> came from <plan> in the alchemy-maven-plugin configuration.)",
                NOTHING),
        row("<plan> of a newer format").parameter("plan", "{project}/plans/newer.json")
            .fails("The plan file {project}/plans/newer.json has format version 99, written by a"
                + " newer Alchemy", NOTHING),
        row("<plan> for another stage").parameter("plan", "{project}/plans/prod.json")
            .fails("The plan file {project}/plans/prod.json is a plan for shop/prod, but this"
                + " run deploys shop/dev (the app came from <app> in the alchemy-maven-plugin"
                + " configuration, the stage from the default (dev)).", "mvn alchemy:plan"
                + " -Dalchemy.planFile=target/alchemy/plan.json", NOTHING),
        row("-Dalchemy.plan with -Dalchemy.watch").parameter("watch", true)
            .cli("alchemy.watch", "true").parameter("plan", "{project}/plans/prod.json")
            .fails("alchemy:up -Dalchemy.watch redeploys after every change, so it takes no"
                + " alchemy.plan (an approved plan is applied once).", "(set by -Dalchemy.watch"
                + " on the command line)", NOTHING),
        row("-Dalchemy.replace with -Dalchemy.watch").parameter("watch", true)
            .parameter("replace", List.of("shop/dev/config"))
            .fails("so it takes no alchemy.replace (it would replace on every redeploy).",
                NOTHING));
  }

  /** The file the plan goal writes. */
  static Stream<Row> badPlanFile() {
    return Stream.of(
        row("-Dalchemy.planFile= (Maven passes none)").cli("alchemy.planFile", "")
            .fails("The plan file is blank: -Dalchemy.planFile on the command line sets"
                + " alchemy.planFile to ''. A blank plan file is not taken as none: no plan would"
                + " be written for review.", "or remove alchemy.planFile to only print the plan.",
                NOTHING),
        row("plan file below a file").parameter("planFile", "{project}/state-file/plan.json")
            .fails("The plan file {project}/state-file/plan.json cannot be written:"
                + " {project}/state-file is a file, not a folder.", "Set planFile to a file in a"
                + " folder, e.g. -Dalchemy.planFile=target/alchemy/plan.json", "(<planFile> came"
                + " from <planFile> in the alchemy-maven-plugin configuration.)", NOTHING),
        row("-Dalchemy.planFile naming a folder").cli("alchemy.planFile", "{project}/state")
            .parameter("planFile", "{project}/state")
            .fails("The plan file {project}/state cannot be written: it is a folder.",
                "(<planFile> came from -Dalchemy.planFile on the command line.)", NOTHING));
  }

  /** Refused by destroy, read and plan. */
  static Stream<Row> noWatch() {
    return Stream.of(
        row("-Dalchemy.watch").cli("alchemy.watch", "true").parameter("watch", true)
            .fails("does not watch: watch mode redeploys after every change", "Remove"
                + " alchemy.watch (set by -Dalchemy.watch on the command line)", NOTHING));
  }

  /** Property typos: a warning naming the nearest known property; the goal goes on. */
  static Stream<Row> typos() {
    String noEffect = "is not a property of any alchemy goal, so it changes nothing.";
    return Stream.of(
        row("-Dalchemy.stag=prod").cli("alchemy.stag", "prod")
            .warns("alchemy.stag (from -Dalchemy.stag on the command line) " + noEffect
                + " Did you mean alchemy.stage?"),
        row("-Dalchemy.stages=prod").cli("alchemy.stages", "prod")
            .warns("alchemy.stages (from -Dalchemy.stages on the command line)",
                "Did you mean alchemy.stage?"),
        row("-Dalchemy.Stage=prod").cli("alchemy.Stage", "prod")
            .warns("Did you mean alchemy.stage?"),
        row("<alchemy.lockTimout> in the POM").pom("alchemy.lockTimout", "PT1M")
            .warns("alchemy.lockTimout (from the <alchemy.lockTimout> property of the POM or an"
                + " active profile) " + noEffect, "Did you mean alchemy.lockTimeout?"),
        row("-Dalchemy.postgres.jdbcurl").cli("alchemy.postgres.jdbcurl", "jdbc:postgresql://x/y")
            .warns("Did you mean alchemy.postgres.jdbcUrl?"),
        row("-Dalchemy.s3.bucketName").cli("alchemy.s3.bucketName", "state")
            .warns("Did you mean alchemy.s3.bucket?"),
        row("-Dalchemy.watch.maxRun=3").cli("alchemy.watch.maxRun", "3")
            .warns("Did you mean alchemy.watch.maxRuns?"),
        row("-Dalchemy.watch.debounce=100").cli("alchemy.watch.debounce", "100")
            .warns("Did you mean alchemy.watch.debounceMillis?"),
        row("-Dalchemy.passwordServerID=prod").cli("alchemy.passwordServerID", "prod")
            .warns("Did you mean alchemy.passwordServerId?"),
        row("-Dalchemy.defintion=com.example.Infra").cli("alchemy.defintion", "x")
            .warns("Did you mean alchemy.definition?"),
        row("<alchemy.backnd> in a profile").pom("alchemy.backnd", "s3")
            .warns("Did you mean alchemy.backend?"),
        row("-Dalchemy.skipp").cli("alchemy.skipp", "true").warns("Did you mean alchemy.skip?"),
        row("-Dalchemy.paralellism=4").cli("alchemy.paralellism", "4")
            .warns("Did you mean alchemy.parallelism?"),
        row("-Dalchemy.lockid=6f1c").cli("alchemy.lockid", "6f1c")
            .warns("Did you mean alchemy.lockId?"),
        row("-Dalchemy.planfile=plan.json").cli("alchemy.planfile", "plan.json")
            .warns("Did you mean alchemy.planFile?"),
        row("-Dalchemy.failOnChange").cli("alchemy.failOnChange", "true")
            .warns("Did you mean alchemy.failOnChanges?"),
        row("-Dalchemy.replaces=shop/dev/a").cli("alchemy.replaces", "shop/dev/a")
            .warns("Did you mean alchemy.replace?"),
        row("-Dalchemy.somethingElseEntirely=1").cli("alchemy.somethingElseEntirely", "1")
            .warns("alchemy.somethingElseEntirely (from -Dalchemy.somethingElseEntirely on the"
                + " command line) " + noEffect + " The properties are listed by mvn alchemy:help"
                + " -Ddetail."));
  }

  /** migrate-state's own settings. */
  static Stream<Row> badMigration() {
    return Stream.of(
        row("migrate-state without a source")
            .fails("alchemy:migrate-state needs the backend to copy from, which is not set.",
                "-Dalchemy.migrate.from=filesystem", NOTHING),
        row("migrate-state from ftp").parameter("migrateFrom", "ftp")
            .fails("The backend to copy from 'ftp'", "is not one of filesystem, postgres, s3",
                NOTHING),
        row("migrate-state -Dalchemy.stage=").cli("alchemy.stage", "")
            .parameter("migrateFrom", "filesystem")
            .fails("The stage is blank: -Dalchemy.stage on the command line sets it to ''."));
  }

  // ---------------------------------------------------------------- one test per goal

  @ParameterizedTest(name = "up: {0}")
  @MethodSource({"blankNames", "badNames", "badValues", "badParallelism", "badWatch",
      "badReplace", "badApprovedPlan"})
  void up(Row row, @InjectMojo(goal = "up", pom = PLAIN) UpMojo mojo, @TempDir Path project)
      throws Exception {
    check(row, mojo, project);
  }

  @ParameterizedTest(name = "plan: {0}")
  @MethodSource({"blankNames", "badNames", "badValues", "noWatch", "badParallelism",
      "badReplace", "badPlanFile"})
  void plan(Row row, @InjectMojo(goal = "plan", pom = PLAIN) PlanMojo mojo,
      @TempDir Path project) throws Exception {
    check(row, mojo, project);
  }

  @ParameterizedTest(name = "destroy: {0}")
  @MethodSource({"blankNames", "badNames", "noWatch", "badParallelism"})
  void destroy(Row row, @InjectMojo(goal = "destroy", pom = PLAIN) DestroyMojo mojo,
      @TempDir Path project) throws Exception {
    check(row, mojo, project);
  }

  @ParameterizedTest(name = "read: {0}")
  @MethodSource({"blankNames", "noWatch", "badParallelism"})
  void read(Row row, @InjectMojo(goal = "read", pom = PLAIN) ReadMojo mojo,
      @TempDir Path project) throws Exception {
    check(row, mojo, project);
  }

  @ParameterizedTest(name = "dev: {0}")
  @MethodSource({"badDevWatch", "badParallelism"})
  void dev(Row row, @InjectMojo(goal = "dev", pom = PLAIN) DevMojo mojo, @TempDir Path project)
      throws Exception {
    check(row, mojo, project);
  }

  @ParameterizedTest(name = "unlock: {0}")
  @MethodSource({"blankNames", "typos"})
  void unlock(Row row, @InjectMojo(goal = "unlock", pom = PLAIN) UnlockMojo mojo,
      @TempDir Path project) throws Exception {
    check(row, mojo, project);
  }

  @ParameterizedTest(name = "migrate-state: {0}")
  @MethodSource("badMigration")
  void migrateState(Row row,
      @InjectMojo(goal = "migrate-state", pom = PLAIN) MigrateStateMojo mojo,
      @TempDir Path project) throws Exception {
    check(row, mojo, project);
  }

  // ---------------------------------------------------------------- running a row

  private static void check(Row row, AlchemyMojo mojo, Path project) throws Exception {
    deployShopDev(project);
    Files.writeString(project.resolve("state-file"), "a file, not a folder");
    writePlans(project.resolve("plans"));
    configure(mojo, row, project);
    RecordingLog log = new RecordingLog(false);
    mojo.setLog(log);
    String before = FolderHash.of(project);

    Throwable thrown = catchThrowable(mojo::execute);

    List<String> fragments = row.fragments().stream()
        .map(f -> f.replace("{project}", project.toString())).toList();
    if (row.failure() != null) {
      assertThat(thrown).as(row.input()).isInstanceOf(row.failure());
      assertThat(thrown.getMessage()).as(row.input()).contains(fragments);
    } else {
      assertThat(thrown).as(row.input()).isNull();
      assertThat(log.lines).as(row.input())
          .anySatisfy(line -> assertThat(line).startsWith("WARN ").contains(fragments));
    }
    assertThat(FolderHash.of(project)).as("files and state after " + row.input()).isEqualTo(before);
  }

  /** A deployed {@code shop/dev}: what a blank stage must never reach. */
  private static void deployShopDev(Path project) {
    Alchemy.builder().app("shop").stage("dev").stateDir(project.resolve("state"))
        .baseDir(project).password(null).build()
        .run(scope -> TextFile.declare(scope, "config",
            TextFile.props("site/config.txt", "stage=" + scope.stage())));
  }

  /** Plan files up cannot apply: not JSON, of a newer format, for another stage. */
  private static void writePlans(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("broken.json"), "{\"formatVersion\": 1, \"app\": ");
    Files.writeString(folder.resolve("newer.json"), "{\"formatVersion\": 99, \"app\": \"shop\","
        + " \"stage\": \"dev\", \"stateFingerprint\": \"sha256:00\", \"changes\": []}");
    PlanFile.write(new Plan(Plan.FORMAT_VERSION, "shop", "prod", "sha256:00", List.of(), 1),
        folder.resolve("prod.json"));
  }

  /** Sets the row's parameters, properties and environment as Maven and the shell would. */
  private static void configure(AlchemyMojo mojo, Row row, Path project) throws Exception {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("app", "shop");
    parameters.put("stateDir", new File(project.resolve("state").toString()));
    parameters.put("lockTimeout", "PT0S");
    parameters.put("backend", "filesystem");
    row.parameters().forEach((name, value) -> parameters.put(name, value instanceof String text
        && text.startsWith("{project}") ? text.replace("{project}", project.toString()) : value));
    for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
      Object value = parameter.getValue();
      if (List.of("stateDir", "eventsFile", "plan", "planFile").contains(parameter.getKey())) {
        value = new File(value.toString());
      }
      if (parameter.getKey().equals("password")) {
        value = new SecretParameter(value.toString());
      }
      if (parameter.getKey().equals("migrateFrom") && !(mojo instanceof MigrateStateMojo)) {
        continue;
      }
      MojoExtension.setVariableValueToObject(mojo, parameter.getKey(), value);
    }
    MavenProject maven = MojoExtension.getVariableValueFromObject(mojo, "project");
    // The app's default, as Maven hands it over when -Dalchemy.app is empty.
    maven.setArtifactId("plain");
    if ("{artifactId}".equals(parameters.get("app"))) {
      MojoExtension.setVariableValueToObject(mojo, "app", "plain");
    }
    MavenSession session = MojoExtension.getVariableValueFromObject(mojo, "session");
    row.commandLine().forEach((name, value) -> session.getUserProperties().setProperty(name,
        value.replace("{project}", project.toString())));
    row.pom().forEach((name, value) -> maven.getProperties().setProperty(name, value));
    Map<String, String> environment = new LinkedHashMap<>(row.environment());
    mojo.environment = environment::get;
  }
}
