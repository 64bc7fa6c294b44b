package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.alchemy.core.command.Command;
import io.alchemy.core.definition.DefinitionException;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.random.RandomString;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.secret.WrongPasswordException;
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateLockedException;
import io.alchemy.core.testing.FolderHash;
import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Duration;
import java.util.ArrayList;

import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input suite of the engine: one row per bad input a user can give Alchemy without
 * Maven (names, ids, physical-name lengths, props, paths that are files, corrupt state and
 * journals, passwords, lock timeouts, definition classes). Each row runs against a project folder
 * that may hold an earlier good deployment, and asserts the exception's type, that its message
 * says what is wrong, where and how to fix it (the row's fragments), and that nothing changed:
 * every file and folder under the project folder, state and resources alike, is byte-identical
 * before and after. The plugin's own inputs are in the plugin's {@code BadConfigurationTest}.
 */
class BadInputTest {

  /** Definition classes for the loader rows, compiled once outside the test's classpath. */
  @TempDir static Path compiled;

  private static Path classes;

  private static Path throwing;

  /** A project folder's setup before the bad input: usually nothing, or a first deployment. */
  @FunctionalInterface
  interface Setup {
    void prepare(Path project) throws Exception;
  }

  /** The bad input, tried on a prepared project folder. */
  @FunctionalInterface
  interface Attempt {
    void run(Path project) throws Exception;
  }

  /**
   * One bad input.
   *
   * @param input what the user gave, the row's name
   * @param setup what the project folder holds before
   * @param attempt what the user ran
   * @param type the exception expected
   * @param fragments what the message must say: what is wrong, where, and how to fix it;
   *     {@code {project}} stands for the project folder
   * @param knownIssue why the row is skipped: a bug found by it and reported, in code this suite
   *     does not change; {@code null} for a row that runs
   */
  record Row(String input, Setup setup, Attempt attempt, Class<? extends Throwable> type,
      List<String> fragments, String knownIssue) {

    Row(String input, Setup setup, Attempt attempt, Class<? extends Throwable> type,
        List<String> fragments) {
      this(input, setup, attempt, type, fragments, null);
    }

    /** The same row, skipped for a reported bug outside this suite's reach. */
    Row knownIssue(String reason) {
      return new Row(input, setup, attempt, type, fragments, reason);
    }

    @Override
    public String toString() {
      return input;
    }
  }

  private static final Setup NOTHING = project -> { };

  /** A first deployment: a file, a folder and a child scope with scope state. */
  private static final Setup DEPLOYED = project -> stage(project).build().run(Baseline.INSTANCE);

  /** A first deployment whose state holds a secret sealed with the password {@code right}. */
  private static final Setup DEPLOYED_WITH_SECRET = project -> stage(project)
      .password(Secret.of("right-password")).build()
      .run(scope -> scope.set("token", scope.secret("s3cr3t-value")));

  @BeforeAll
  static void compileDefinitions() throws IOException {
    classes = compiled.resolve("classes");
    Path sources = compiled.resolve("src/com/example");
    Files.createDirectories(sources);
    String header = "package com.example; import io.alchemy.core.*;\n";
    Files.writeString(sources.resolve("Infrastructure.java"), header
        + "public class Infrastructure implements InfrastructureDefinition {"
        + " public void define(Scope scope) {} }");
    Files.writeString(sources.resolve("NotADefinition.java"),
        "package com.example; public class NotADefinition {}");
    Files.writeString(sources.resolve("AbstractDefinition.java"), header
        + "public abstract class AbstractDefinition implements InfrastructureDefinition {}");
    Files.writeString(sources.resolve("NeedsRegion.java"), header
        + "public class NeedsRegion implements InfrastructureDefinition {"
        + " public NeedsRegion(String region) {} public void define(Scope scope) {} }");
    Files.writeString(sources.resolve("Throwing.java"), header
        + "public class Throwing implements InfrastructureDefinition {"
        + " public Throwing() { throw new IllegalStateException(\"no region set\"); }"
        + " public void define(Scope scope) {} }");
    Files.writeString(sources.resolve("Hidden.java"), header
        + "class Hidden implements InfrastructureDefinition { public void define(Scope s) {} }");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
        System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
    try (Stream<Path> files = Files.list(sources)) {
      files.map(Path::toString).forEach(args::add);
    }
    int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        args.toArray(String[]::new));
    assertThat(exit).isZero();
    // A definition whose constructor throws sits apart, as in a library: only its rows see it,
    // so the others' "nearest definition" is the one good class.
    throwing = compiled.resolve("throwing");
    Files.createDirectories(throwing.resolve("com/example"));
    Files.move(classes.resolve("com/example/Throwing.class"),
        throwing.resolve("com/example/Throwing.class"));
  }

  static Stream<Row> rows() {
    List<Row> rows = new ArrayList<>();
    names(rows);
    ids(rows);
    physicalNamesAndProps(rows);
    pathsThatAreFiles(rows);
    resourcePathsThatAreFiles(rows);
    corruptState(rows);
    passwords(rows);
    lockAndDurations(rows);
    definitionClasses(rows);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void badInputIsRefusedWithWhatWhereAndFixAndChangesNothing(Row row, @TempDir Path project)
      throws Exception {
    Assumptions.assumeTrue(row.knownIssue() == null, row.knownIssue());
    row.setup().prepare(project);
    String before = FolderHash.of(project);

    Throwable thrown = catchThrowable(() -> row.attempt().run(project));

    assertThat(thrown).as(row.input()).isInstanceOf(row.type());
    assertThat(thrown.getMessage()).as(row.input()).contains(row.fragments().stream()
        .map(f -> f.replace("{project}", project.toString())).toList());
    assertThat(FolderHash.of(project)).as("files and state after " + row.input()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- rows

  private static void names(List<Row> rows) {
    String fixApp = "Set another app name (Alchemy.builder().app(...))";
    String fixStage = "Set another stage (Alchemy.builder().stage(...) or the ALCHEMY_STAGE"
        + " environment variable)";
    appName(rows, "app ''", "", "The app name '' is empty", fixApp);
    appName(rows, "app null", null, "The app name null is empty", fixApp);
    appName(rows, "app ' '", " ", "The app name ' ' is blank", fixApp);
    appName(rows, "app 'my/app'", "my/app", "contains '/'", "e.g. 'my-app'");
    appName(rows, "app 'my\\app'", "my\\app", "contains '\\'", "e.g. 'my-app'");
    appName(rows, "app 'c:app'", "c:app", "contains ':'", "e.g. 'c-app'");
    appName(rows, "app '.app'", ".app", "starts with '.'", "e.g. 'app'");
    appName(rows, "app 'me@host'", "me@host", "contains '@'", "e.g. 'me-host'");
    appName(rows, "app '..'", "..", "contains '..'", fixApp + ".");
    appName(rows, "app of 65 characters", "a".repeat(65), "is 65 characters long",
        "longer than 64 characters");
    stageName(rows, "stage ''", "", "The stage name '' is empty", fixStage);
    stageName(rows, "stage ' '", " ", "The stage name ' ' is blank", fixStage);
    stageName(rows, "stage 'feature/login'", "feature/login", "contains '/'",
        "e.g. 'feature-login'");
    stageName(rows, "stage 'a\\b'", "a\\b", "contains '\\'", "e.g. 'a-b'");
    stageName(rows, "stage 'c:'", "c:", "contains ':'", "e.g. 'c'");
    stageName(rows, "stage '../prod'", "../prod", "contains '..'", "e.g. 'prod'");
    stageName(rows, "stage '.hidden'", ".hidden", "starts with '.'", "e.g. 'hidden'");
    stageName(rows, "stage 'dev@local'", "dev@local", "contains '@'", "e.g. 'dev-local'");
    stageName(rows, "stage of 300 characters", "s".repeat(300), "is 300 characters long",
        "or be longer than 64 characters", "e.g. '" + "s".repeat(64) + "'");
    stageName(rows, "stage with a tab", "tab\there", "'tab\\u0009here' contains a control"
        + " character", "e.g. 'tab-here'");
    stageName(rows, "stage with a line break", "two\nlines", "contains a control character",
        "e.g. 'two-lines'");
  }

  private static void appName(List<Row> rows, String input, String app, String... fragments) {
    rows.add(new Row(input, DEPLOYED, project -> stage(project).app(app).build()
        .run(Baseline.INSTANCE), InvalidNameException.class, List.of(fragments)));
  }

  private static void stageName(List<Row> rows, String input, String stage, String... fragments) {
    rows.add(new Row(input, DEPLOYED, project -> stage(project).stage(stage).build()
        .run(Baseline.INSTANCE), InvalidNameException.class, List.of(fragments)));
  }

  private static void ids(List<Row> rows) {
    String rules = "Ids may not be empty or contain / \\ : .. or control characters";
    id(rows, "resource id ''", "", "The resource id '' in scope my-app/dev is empty", rules,
        "Rename it, e.g. 'api'");
    id(rows, "resource id 'a/b'", "a/b", "The resource id 'a/b' in scope my-app/dev contains"
        + " '/'", "Rename it, e.g. 'a-b'");
    id(rows, "resource id 'a\\b'", "a\\b", "contains '\\'", "Rename it, e.g. 'a-b'");
    id(rows, "resource id 'a:b'", "a:b", "contains ':'", "Rename it, e.g. 'a-b'");
    id(rows, "resource id '..'", "..", "contains '..'", rules);
    id(rows, "resource id '.'", ".", "The resource id '.' in scope my-app/dev is '.'", rules);
    id(rows, "resource id with a control character", "bell\u0007", "'bell\\u0007' in scope"
        + " my-app/dev contains a control character", "Rename it, e.g. 'bell-'");
    failingRun(rows, "scope name 'eu/west'", scope -> scope.run("eu/west", s -> { }),
        "The scope name 'eu/west' in scope my-app/dev contains '/'", "e.g. 'eu-west'");
    failingRun(rows, "scope name ''", scope -> scope.run("", s -> { }),
        "The scope name '' in scope my-app/dev is empty");
    failingRun(rows, "duplicate resource id", scope -> {
      Baseline.INSTANCE.define(scope);
      TextFile.declare(scope, "config", TextFile.props("other.txt", "x"));
    }, "Duplicate id 'config' in scope my-app/dev", "Ids must be unique within a scope",
        "rename one");
    failingRun(rows, "a child scope named like a resource", scope -> {
      Baseline.INSTANCE.define(scope);
      scope.run("config", s -> { });
    }, "Duplicate id 'config' in scope my-app/dev", "resources and child scopes share one"
        + " namespace); rename one");
  }

  private static void id(List<Row> rows, String input, String id, String... fragments) {
    failingRun(rows, input, scope -> {
      Baseline.INSTANCE.define(scope);
      TextFile.declare(scope, id, TextFile.props("bad.txt", "x"));
    }, fragments);
  }

  private static void physicalNamesAndProps(List<Row> rows) {
    failingRun(rows, "physical name maxLength 9", scope -> {
      Baseline.INSTANCE.define(scope);
      scope.createPhysicalName("db", "-", 9);
    }, "maxLength 9 is too short for a unique physical name of db; use at least 10");
    failingRun(rows, "physical name maxLength 0", scope -> {
      Baseline.INSTANCE.define(scope);
      scope.createPhysicalName("db", "_", 0);
    }, "maxLength 0 is too short", "use at least 10");
    failingRun(rows, "physical name maxLength -1", scope -> {
      Baseline.INSTANCE.define(scope);
      scope.createPhysicalName("db", "-", -1);
    }, "maxLength -1 is too short");
    failingRun(rows, "physical name null delimiter", scope -> {
      Baseline.INSTANCE.define(scope);
      scope.createPhysicalName("db", null, 20);
    }, "delimiter must not be null; use \"-\" or \"\"");
    failingRun(rows, "random string of length 0", scope -> {
      Baseline.INSTANCE.define(scope);
      RandomString.declare(scope, "token", RandomString.props(0));
    }, "a random string's length must be 1 to 4096, not 0");
    failingRun(rows, "random string of length 5000", scope -> {
      Baseline.INSTANCE.define(scope);
      RandomString.declare(scope, "token", RandomString.props(5000));
    }, "a random string's length must be 1 to 4096, not 5000");
    failingRun(rows, "random string with an empty alphabet", scope -> {
      Baseline.INSTANCE.define(scope);
      RandomString.declare(scope, "token", RandomString.props(8, ""));
    }, "a random string needs a non-empty alphabet");
    failingRun(rows, "command without a create command", scope -> {
      Baseline.INSTANCE.define(scope);
      Command.declare(scope, "migrate", Command.props().build());
    }, "a Command needs a create command");
    failingRun(rows, "scope password ''", scope -> {
      Baseline.INSTANCE.define(scope);
      scope.run("vault", ScopeOptions.defaults().password(Secret.of("")), s -> { });
    }, "a scope password must not be empty");
  }

  private static void pathsThatAreFiles(List<Row> rows) {
    rows.add(new Row("state folder that is a file", project -> {
      DEPLOYED.prepare(project);
      Files.writeString(project.resolve("state-file"), "not a folder");
    }, project -> stage(project).stateDir(project.resolve("state-file")).build()
        .run(Baseline.INSTANCE), StateException.class, List.of(
            "Cannot open the state of stage my-app/dev",
            "the state folder {project}/state-file is a file, not a folder",
            "Set the state folder to a folder, or move {project}/state-file away")));
    rows.add(new Row("state folder below a file", project -> {
      DEPLOYED.prepare(project);
      Files.writeString(project.resolve("state-file"), "not a folder");
    }, project -> stage(project).stateDir(project.resolve("state-file/state")).build()
        .run(Baseline.INSTANCE), StateException.class, List.of(
            "Cannot open the state of stage my-app/dev",
            "the state folder {project}/state-file/state lies below {project}/state-file, which"
                + " is a file, not a folder",
            "Set the state folder to a folder, or move {project}/state-file away")));
  }

  private static void resourcePathsThatAreFiles(List<Row> rows) {
    Setup blocker = project -> {
      DEPLOYED.prepare(project);
      Files.writeString(project.resolve("blocker"), "a file, not a folder");
    };
    rows.add(new Row("text file whose parent path is a file", blocker,
        project -> stage(project).build().run(scope -> {
          Baseline.INSTANCE.define(scope);
          TextFile.declare(scope, "notes", TextFile.props("blocker/notes.txt", "x"));
        }), DeploymentFailedException.class, List.of("my-app/dev/notes",
            "{project}/blocker/notes.txt lies below {project}/blocker, which is a file",
            "Choose another path, or move {project}/blocker away", "Nothing was changed")));
    rows.add(new Row("folder at a path that is a file", blocker,
        project -> stage(project).build().run(scope -> {
          Baseline.INSTANCE.define(scope);
          Folder.declare(scope, "cache", Folder.props("blocker"));
        }), DeploymentFailedException.class, List.of("my-app/dev/cache",
            "{project}/blocker is a file, so it cannot be this folder",
            "Choose another path, or move the file away", "Nothing was changed")));
    rows.add(new Row("text file at a path that is a folder", DEPLOYED,
        project -> stage(project).build().run(scope -> {
          Baseline.INSTANCE.define(scope);
          TextFile.declare(scope, "index", TextFile.props("site", "x"));
        }), DeploymentFailedException.class, List.of("my-app/dev/index",
            "{project}/site is a folder, so it cannot be this text file",
            "Choose another path, or move the folder away", "Nothing was changed")));
  }

  private static void corruptState(List<Row> rows) {
    corruptSnapshot(rows, "state.json that is not JSON", "{ this is not json",
        "it is not valid JSON");
    corruptSnapshot(rows, "state.json that is empty", "", "it does not hold a JSON object");
    corruptSnapshot(rows, "state.json that is a JSON array", "[1, 2, 3]",
        "it does not hold a JSON object");
    rows.add(new Row("state.json of format version 99", project -> {
      DEPLOYED.prepare(project);
      Files.writeString(stageDir(project).resolve("state.json"),
          "{\"formatVersion\": 99, \"resources\": [], \"scopes\": []}");
    }, project -> stage(project).build().run(Baseline.INSTANCE), StateException.class,
        List.of("{project}/state/my-app/dev/state.json has format version 99, written by a newer"
            + " Alchemy; this one reads up to version 2", "Upgrade")));
    corruptSnapshot(rows, "state.json whose resources are not a list",
        "{\"formatVersion\": 1, \"resources\": {\"a\": 1}, \"scopes\": []}",
        "a record cannot be read");
    corruptSnapshot(rows, "state.json whose format version is a word",
        "{\"formatVersion\": \"one\", \"resources\": [], \"scopes\": []}",
        "it has no formatVersion");
    rows.add(new Row("state.json cut in half", project -> {
      DEPLOYED.prepare(project);
      Path snapshot = stageDir(project).resolve("state.json");
      String content = Files.readString(snapshot);
      Files.writeString(snapshot, content.substring(0, content.length() / 2));
    }, project -> stage(project).build().run(Baseline.INSTANCE), CorruptStateException.class,
        List.of("{project}/state/my-app/dev/state.json is corrupt: it is not valid JSON",
            "Alchemy changed nothing", "Restore it from a backup or fix it by hand")));
    corruptJournal(rows, "journal with a damaged entry before a good one",
        "0badc0de {\"put\":{}}\n" + entry("{\"note\":\"good\"}"),
        "is damaged at line 1 (checksum mismatch) and has good entries after it",
        "Alchemy left it untouched", "Restore the stage's state folder from a backup");
    corruptJournal(rows, "journal with an entry without a checksum before a good one",
        "{\"put\":{}}\n" + entry("{\"note\":\"good\"}"),
        "is damaged at line 1 (no checksum) and has good entries after it",
        "remove the damaged line by hand");
    corruptJournal(rows, "journal with a bad entry between good ones",
        entry("{\"note\":\"first\"}") + "zzzzzzzz garbage\n" + entry("{\"note\":\"last\"}"),
        "State journal {project}/state/my-app/dev/journal.jsonl is damaged at line 2 (no"
            + " checksum)", "Restore the stage's state folder from a backup");
  }

  private static void corruptSnapshot(List<Row> rows, String input, String content,
      String... fragments) {
    List<String> all = new ArrayList<>(List.of("State file {project}/state/my-app/dev/state.json"
        + " is corrupt", "Alchemy changed nothing and left the file as it is",
        "Restore it from a backup or fix it by hand, then run again"));
    all.addAll(List.of(fragments));
    rows.add(new Row(input, project -> {
      DEPLOYED.prepare(project);
      Files.writeString(stageDir(project).resolve("state.json"), content);
    }, project -> stage(project).build().run(Baseline.INSTANCE), CorruptStateException.class,
        all));
  }

  private static void corruptJournal(List<Row> rows, String input, String journal,
      String... fragments) {
    rows.add(new Row(input, project -> {
      DEPLOYED.prepare(project);
      Files.writeString(stageDir(project).resolve("journal.jsonl"), journal);
    }, project -> stage(project).build().run(Baseline.INSTANCE), CorruptStateException.class,
        List.of(fragments)));
  }

  /** A journal entry with its checksum, as the journal writes one. */
  private static String entry(String json) {
    CRC32 crc = new CRC32();
    crc.update(json.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x %s%n", crc.getValue(), json);
  }

  private static void passwords(List<Row> rows) {
    rows.add(new Row("wrong app password", DEPLOYED_WITH_SECRET, project -> stage(project)
        .password(Secret.of("wrong-password")).build()
        .run(scope -> scope.set("token", scope.secret("s3cr3t-value"))),
        WrongPasswordException.class, List.of("Wrong password for the app my-app",
            "secrets of my-app/dev (scope state)",
            "Use the password they were encrypted with; nothing was changed")));
    rows.add(new Row("no app password for sealed state", DEPLOYED_WITH_SECRET,
        project -> stage(project).password(null).build()
            .run(scope -> scope.set("token", scope.secret("s3cr3t-value"))),
        WrongPasswordException.class, List.of("The secrets of my-app/dev (scope state) are"
            + " encrypted with the password of the app my-app, and none is configured",
            "Set the app password (Alchemy.builder().password(...) or the ALCHEMY_PASSWORD"
                + " environment variable)")));
    Setup scopeSecret = project -> stage(project).build().run(scope -> scope.run("vault",
        ScopeOptions.defaults().password(Secret.of("vault-password")),
        vault -> vault.set("token", vault.secret("s3cr3t-value"))));
    rows.add(new Row("wrong scope password", scopeSecret, project -> stage(project).build()
        .run(scope -> scope.run("vault",
            ScopeOptions.defaults().password(Secret.of("not-the-vault-password")),
            vault -> vault.set("token", vault.secret("s3cr3t-value")))),
        DeploymentFailedException.class, List.of("Wrong password for scope my-app/dev/vault",
            "Use the password they were encrypted with")));
    failingRun(rows, "secret in props without a password", scope -> {
      Baseline.INSTANCE.define(scope);
      scope.set("token", scope.secret("s3cr3t-value"));
    }, "Scope state 'token' of my-app/dev holds a secret, but no password is configured",
        "Set the app password", "ScopeOptions.password(...)");
  }

  private static void lockAndDurations(List<Row> rows) {
    rows.add(new Row("negative lock timeout", DEPLOYED,
        project -> stage(project).lockTimeout(Duration.ofSeconds(-1)).build()
            .run(Baseline.INSTANCE), IllegalArgumentException.class,
        List.of("lockTimeout PT-1S is negative", "Set it to 0 to fail at once")));
    rows.add(new Row("stage still locked after the lock timeout", DEPLOYED, project -> {
      try (AlchemySession holder = stage(project).build().openSession()) {
        stage(project).lockTimeout(Duration.ofMillis(300)).build().run(Baseline.INSTANCE);
      }
    }, StateLockedException.class, List.of("Stage my-app/dev is locked by another run",
        "lock file {project}/state/my-app/.dev.lock")));
    rows.add(new Row("stage locked by another session", DEPLOYED, project -> {
      try (AlchemySession holder = stage(project).build().openSession()) {
        stage(project).build().run(Baseline.INSTANCE);
      }
    }, StateLockedException.class, List.of("Stage my-app/dev is locked by another run",
        "This run did not wait for it (lockTimeout is 0)", "set a lockTimeout")));
  }

  private static void definitionClasses(List<Row> rows) {
    definition(rows, "definition class that does not exist", "com.example.Infrastructur",
        "Definition class com.example.Infrastructur was not found on the classpath",
        "Check the package and the spelling. The nearest class that implements"
            + " InfrastructureDefinition is com.example.Infrastructure: name it, e.g. pass the"
            + " class name \"com.example.Infrastructure\".");
    definition(rows, "definition class that does not implement the interface",
        "com.example.NotADefinition", "does not implement io.alchemy.core.InfrastructureDefinition",
        "name the class that does: com.example.Infrastructure implements it");
    definition(rows, "abstract definition class", "com.example.AbstractDefinition",
        "is abstract", "remove \"abstract\"");
    definition(rows, "definition class without a no-argument constructor",
        "com.example.NeedsRegion", "has no public constructor without parameters",
        "Add \"public NeedsRegion() {}\"");
    definition(rows, "definition class whose constructor throws", "com.example.Throwing",
        "its constructor threw java.lang.IllegalStateException: no region set",
        "move the work into define(scope)");
    definition(rows, "definition class that is not public", "com.example.Hidden",
        "is not public", "Add \"public\"");
    rows.add(new Row("registered definition class that does not exist", project -> {
      DEPLOYED.prepare(project);
      register(project, "com.example.Infrastucture");
    }, project -> load(project, null), DefinitionException.class,
        List.of("registered in {project}/registration/" + DefinitionLoader.SERVICE_FILE,
            "Check the package and the spelling, and correct the registration: the nearest class"
                + " that implements InfrastructureDefinition is com.example.Infrastructure.")));
    rows.add(new Row("registered class that does not implement the interface", project -> {
      DEPLOYED.prepare(project);
      register(project, "com.example.NotADefinition");
    }, project -> load(project, null), DefinitionException.class,
        List.of(DefinitionLoader.SERVICE_FILE + ") does not implement",
            "com.example.Infrastructure implements it; put its name in place of"
                + " com.example.NotADefinition in that file")));
    rows.add(new Row("two registered definition classes", project -> {
      DEPLOYED.prepare(project);
      register(project, "com.example.Infrastructure\ncom.example.NeedsRegion");
    }, project -> load(project, null), DefinitionException.class,
        List.of("2 InfrastructureDefinition classes are registered", "Name the one to run")));
    rows.add(new Row("no definition class named or registered", DEPLOYED,
        project -> DefinitionLoader.forClasspath(List.of(project.resolve("no-classes")))
            .load(null), DefinitionException.class,
        List.of("No InfrastructureDefinition class was named, and none is registered",
            "create src/main/resources/" + DefinitionLoader.SERVICE_FILE)));
  }

  private static void definition(List<Row> rows, String input, String className,
      String... fragments) {
    rows.add(new Row(input, DEPLOYED, project -> load(project, className),
        DefinitionException.class, List.of(fragments)));
  }

  /** Registers {@code names} in a services file of the project's {@code registration} folder. */
  private static void register(Path project, String names) throws IOException {
    Path file = project.resolve("registration").resolve(DefinitionLoader.SERVICE_FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, names + "\n");
  }

  private static void load(Path project, String className) throws Exception {
    List<Path> classpath = "com.example.Throwing".equals(className) ? List.of(classes, throwing)
        : List.of(classes, project.resolve("registration"));
    try (var loaded = DefinitionLoader.forClasspath(classpath).load(className)) {
      stage(project).classLoader(loaded.classLoader()).build().run(loaded.definition());
    }
  }

  private static void failingRun(List<Row> rows, String input, InfrastructureDefinition bad,
      String... fragments) {
    rows.add(new Row(input, DEPLOYED, project -> stage(project).build().run(bad),
        DeploymentFailedException.class, List.of(fragments)));
  }

  // ---------------------------------------------------------------- the project

  /** The good deployment every row starts from: files, a folder, a child scope and its state. */
  enum Baseline implements InfrastructureDefinition {
    INSTANCE;

    @Override
    public void define(Scope scope) throws Exception {
      Folder.declare(scope, "site", Folder.props("site"));
      TextFile.declare(scope, "config", TextFile.props("site/config.txt", "stage=dev"));
      scope.run("storage", storage -> {
        TextFile.declare(storage, "images", TextFile.props("site/images.txt", "none yet"));
        storage.set("count", 1);
      });
    }
  }

  private static Alchemy.Builder stage(Path project) {
    return Alchemy.builder().app("my-app").stage("dev").stateDir(project.resolve("state"))
        .baseDir(project).password(null);
  }

  private static Path stageDir(Path project) {
    return project.resolve("state/my-app/dev");
  }
}
