package io.alchemy.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.AlchemySession;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Stages;
import io.alchemy.core.definition.DefinitionLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch loop on a small real project: sources compiled by javac, resources, a definition
 * loaded from the classes folder, deployed on a real session with state in a temporary folder.
 * The loop runs on its own thread; every wait polls what the listener heard, with a deadline.
 */
@Timeout(120)
class WatchLoopTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private Path project;
  private Path sources;
  private Path resources;
  private Path classes;
  private Stages stages;
  private final Heard heard = new Heard();
  private AlchemySession session;
  private WatchLoop loop;
  private Thread runner;
  private volatile Integer runs;

  /** Everything the listener heard, in order, as short lines, and the redeployments. */
  private static final class Heard implements WatchListener {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<Redeployment> redeployments = Collections.synchronizedList(new ArrayList<>());
    final List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void watching(List<Path> roots) {
      lines.add("watching " + roots.size());
    }

    @Override
    public void compiled(List<Path> sources, Duration took) {
      lines.add("compiled " + sources.stream().map(p -> p.getFileName().toString()).toList());
    }

    @Override
    public void compileFailed(List<String> errors) {
      lines.add("compile failed " + errors);
    }

    @Override
    public void classesRemoved(List<Path> sources, List<Path> classFiles) {
      lines.add("removed " + classFiles.stream().map(p -> p.getFileName().toString()).sorted()
          .toList());
    }

    @Override
    public void redeployed(Redeployment redeployment) {
      redeployments.add(redeployment);
      lines.add((redeployment.first() ? "first deploy " : "redeployed ")
          + redeployment.result().summary());
    }

    @Override
    public void runFailed(RuntimeException error, String hint) {
      failures.add(error);
      lines.add("run failed " + error.getMessage() + (hint == null ? "" : " HINT " + hint));
    }

    @Override
    public void warning(String message) {
      lines.add("warning " + message);
    }

    @Override
    public void ended(int runs, boolean stopRequested) {
      lines.add("ended " + runs + (stopRequested ? " stopped" : ""));
    }

    long count(Predicate<String> line) {
      synchronized (lines) {
        return lines.stream().filter(line).count();
      }
    }
  }

  @BeforeEach
  void createProject() throws Exception {
    project = dir.resolve("project");
    sources = Files.createDirectories(project.resolve("src/main/java/p"));
    resources = Files.createDirectories(project.resolve("src/main/resources/META-INF/services"))
        .getParent().getParent();
    classes = Files.createDirectories(project.resolve("target/classes"));
    Files.writeString(resources.resolve("META-INF/services/"
        + InfrastructureDefinition.class.getName()), "p.Infra\n");
    Files.writeString(resources.resolve("greeting.txt"), "hello");
    writeInfra("version 0", "Helper.shout(\"page\")");
    Files.writeString(sources.resolve("Helper.java"), """
        package p;
        public final class Helper {
          public static String shout(String s) { return s.toUpperCase(); }
        }
        """);
    Files.writeString(sources.resolve("Extra.java"), """
        package p;
        public final class Extra {
          static final class Inner {}
          Runnable r = new Runnable() { public void run() {} };
        }
        """);
    // What mvn compile did before the goal started.
    try (var files = Files.list(sources)) {
      assertThat(compiler().compile(files.toList()).success()).isTrue();
    }
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.copy(resources.resolve("META-INF/services/" + InfrastructureDefinition.class.getName()),
        classes.resolve("META-INF/services/" + InfrastructureDefinition.class.getName()));
    Files.copy(resources.resolve("greeting.txt"), classes.resolve("greeting.txt"));
    stages = new Stages(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (loop != null) {
      loop.requestStop();
    }
    if (runner != null) {
      runner.join(WAIT.toMillis());
      assertThat(runner.isAlive()).as("the loop ended").isFalse();
    }
    if (session != null) {
      session.close();
    }
    if (loop != null) {
      loop.close();
    }
  }

  private void writeInfra(String version, String pageId) throws Exception {
    Files.writeString(sources.resolve("Infra.java"), """
        package p;

        import io.alchemy.core.InfrastructureDefinition;
        import io.alchemy.core.Scope;
        import io.alchemy.core.fs.TextFile;
        import java.nio.charset.StandardCharsets;

        public class Infra implements InfrastructureDefinition {
          @Override
          public void define(Scope scope) throws Exception {
            String greeting;
            try (var in = Infra.class.getResourceAsStream("/greeting.txt")) {
              greeting = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            TextFile.declare(scope, %s, TextFile.props("out/page.txt",
                "%s " + greeting + " " + scope.local() + " " + scope.watch()));
          }
        }
        """.formatted(pageId, version));
  }

  private InProcessCompiler compiler() throws Exception {
    return new InProcessCompiler(List.of(classes, coreClasses()), classes, "17",
        StandardCharsets.UTF_8);
  }

  /** Where the engine's classes are, for the project to compile against. */
  private static Path coreClasses() throws Exception {
    return Path.of(InfrastructureDefinition.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
  }

  private WatchLoop.Builder loopBuilder() throws Exception {
    return WatchLoop.builder()
        .sourceRoots(List.of(project.resolve("src/main/java")))
        .resourceRoots(List.of(resources))
        .classesDir(classes)
        .compileClasspath(List.of(classes, coreClasses()))
        .release("17")
        .debounce(Duration.ofMillis(100))
        .definitionLoader(DefinitionLoader.forClasspath(List.of(classes)))
        .listener(heard);
  }

  /** Opens a local watch session and runs the loop on its own thread. */
  private void start(WatchLoop.Builder builder) {
    session = stages.builder().local(true).watch(true).build().openSession();
    loop = builder.build();
    runner = new Thread(() -> {
      try {
        runs = loop.run(session);
      } catch (Exception e) {
        heard.lines.add("run threw " + e);
      }
    }, "watch-loop-test");
    runner.start();
  }

  private void awaitHeard(String what, Predicate<List<String>> done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      synchronized (heard.lines) {
        if (done.test(heard.lines)) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + WAIT + "; heard " + heard.lines);
      }
      Thread.sleep(20);
    }
  }

  private void awaitCount(String what, String prefix, long count) throws InterruptedException {
    awaitHeard(what, lines -> lines.stream().filter(l -> l.startsWith(prefix)).count() >= count);
  }

  private String page() throws Exception {
    return Files.readString(dir.resolve("out/page.txt"));
  }

  @Test
  void anEditedSourceIsCompiledAndRedeployed() throws Exception {
    start(loopBuilder());
    awaitCount("watching", "watching", 1);
    assertThat(heard.lines).first().asString().isEqualTo(
        "first deploy 1 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged");
    assertThat(page()).isEqualTo("version 0 hello true true");

    writeInfra("version 1", "Helper.shout(\"page\")");
    awaitCount("a redeploy", "redeployed", 1);
    assertThat(page()).isEqualTo("version 1 hello true true");
    assertThat(heard.lines).contains("compiled [Infra.java]",
        "redeployed 0 created, 1 updated, 0 replaced, 0 deleted, 0 unchanged");
    Redeployment redeploy = heard.redeployments.get(1);
    assertThat(redeploy.first()).isFalse();
    assertThat(redeploy.changedFiles()).isEqualTo(1);
    assertThat(redeploy.className()).isEqualTo("p.Infra");
    assertThat(redeploy.compile()).isPositive();
    assertThat(redeploy.editToRedeployed()).isGreaterThanOrEqualTo(redeploy.loadAndRun());
  }

  @Test
  void aChangedResourceIsCopiedAndRedeployed() throws Exception {
    start(loopBuilder());
    awaitCount("watching", "watching", 1);
    Files.writeString(resources.resolve("greeting.txt"), "bonjour");
    awaitCount("a redeploy", "redeployed", 1);
    assertThat(classes.resolve("greeting.txt")).hasContent("bonjour");
    assertThat(page()).isEqualTo("version 0 bonjour true true");
    assertThat(heard.count(l -> l.startsWith("compiled"))).isZero();

    // A new resource in a new folder is copied too; a deleted one loses its copy.
    Path nested = Files.createDirectories(resources.resolve("conf/deep"));
    Files.writeString(nested.resolve("app.properties"), "a=1");
    awaitCount("a redeploy", "redeployed", 2);
    assertThat(classes.resolve("conf/deep/app.properties")).hasContent("a=1");
    Files.delete(nested.resolve("app.properties"));
    awaitCount("a redeploy", "redeployed", 3);
    assertThat(classes.resolve("conf/deep/app.properties")).doesNotExist();
  }

  @Test
  void aCompileErrorIsReportedAndTheLoopKeepsWatching() throws Exception {
    start(loopBuilder());
    awaitCount("watching", "watching", 1);
    Files.writeString(sources.resolve("Infra.java"),
        Files.readString(sources.resolve("Infra.java")).replace("TextFile.declare(scope,",
            "TextFile.declare(scope"));
    awaitCount("the compile error", "compile failed", 1);
    String failure = heard.lines.stream().filter(l -> l.startsWith("compile failed")).findFirst()
        .orElseThrow();
    assertThat(failure).contains(sources.resolve("Infra.java") + ":");
    assertThat(page()).isEqualTo("version 0 hello true true");

    // A definition that compiles but fails is reported; the previous deployment stays.
    Files.writeString(sources.resolve("Infra.java"),
        Files.readString(sources.resolve("Infra.java")).replace("TextFile.declare(scope",
            "if (true) throw new IllegalStateException(\"broken on purpose\");"
                + " TextFile.declare(scope,"));
    awaitCount("the failing run", "run failed", 1);
    assertThat(heard.failures).hasSize(1);
    assertThat(heard.failures.get(0)).isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("broken on purpose");
    assertThat(page()).isEqualTo("version 0 hello true true");

    writeInfra("version fixed", "Helper.shout(\"page\")");
    awaitCount("the redeploy after the fix", "redeployed", 1);
    assertThat(page()).isEqualTo("version fixed hello true true");
    assertThat(heard.lines).noneMatch(l -> l.startsWith("run threw"));
  }

  @Test
  void theOtherSourcesOfAFailedCompileAreCompiledWithTheFix() throws Exception {
    start(loopBuilder().debounce(Duration.ofMillis(300)));
    awaitCount("watching", "watching", 1);
    // One save touches two files, one of them broken: javac writes neither.
    Files.writeString(sources.resolve("Helper.java"), """
        package p;
        public final class Helper {
          public static String shout(String s) { return s.toUpperCase() + "2"; }
        }
        """);
    Files.writeString(sources.resolve("Infra.java"),
        Files.readString(sources.resolve("Infra.java")).replace("TextFile.declare(scope,",
            "TextFile.declare(scope"));
    awaitCount("the compile error", "compile failed", 1);

    // Only the broken file is fixed; the other file's edit still arrives.
    writeInfra("version 2", "Helper.shout(\"page\")");
    awaitCount("the redeploy after the fix", "redeployed", 1);
    // PAGE2 takes over the file of PAGE, whose id it replaces: the orphan is handed over, not
    // deleted, since deleting it would delete the file PAGE2 now holds.
    assertThat(heard.lines).contains("compiled [Helper.java, Infra.java]",
        "redeployed 1 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged");
    assertThat(heard.redeployments.get(1).result().resources())
        .extracting(r -> r.fqn()).contains("my-app/dev/PAGE2");
    assertThat(page()).startsWith("version 2 ");
  }

  @Test
  void aDeletedSourceLosesItsClassesAndAClassStillUsedFailsClearly() throws Exception {
    start(loopBuilder());
    awaitCount("watching", "watching", 1);
    assertThat(classes.resolve("p/Extra$Inner.class")).exists();
    assertThat(classes.resolve("p/Extra$1.class")).exists();

    Files.delete(sources.resolve("Extra.java"));
    awaitCount("a redeploy", "redeployed", 1);
    assertThat(heard.lines).contains("removed [Extra$1.class, Extra$Inner.class, Extra.class]",
        "redeployed 0 created, 0 updated, 0 replaced, 0 deleted, 1 unchanged");
    assertThat(classes.resolve("p/Extra.class")).doesNotExist();
    assertThat(classes.resolve("p/Extra$Inner.class")).doesNotExist();
    assertThat(classes.resolve("p/Extra$1.class")).doesNotExist();
    assertThat(classes.resolve("p/Helper.class")).exists();

    // Helper is still used by Infra: the run fails, saying why, and the loop keeps watching.
    Files.delete(sources.resolve("Helper.java"));
    awaitCount("the failing run", "run failed", 1);
    assertThat(classes.resolve("p/Helper.class")).doesNotExist();
    assertThat(heard.lines.stream().filter(l -> l.startsWith("run failed")).findFirst()
        .orElseThrow()).contains("p.Helper").contains("HINT p/Helper.java was deleted and its"
            + " classes removed from " + classes + ", but p.Helper is still used.");
    assertThat(page()).isEqualTo("version 0 hello true true");

    // Restored: compiled again and redeployed.
    Files.writeString(sources.resolve("Helper.java"), """
        package p;
        public final class Helper {
          public static String shout(String s) { return s.toUpperCase(); }
        }
        """);
    awaitCount("the redeploy after the restore", "redeployed", 2);
    assertThat(classes.resolve("p/Helper.class")).exists();
    assertThat(heard.lines).contains("compiled [Helper.java]");
  }

  @Test
  void aStopRequestEndsTheLoopWhileItWaits() throws Exception {
    start(loopBuilder());
    awaitCount("watching", "watching", 1);
    loop.requestStop();
    runner.join(WAIT.toMillis());
    assertThat(runner.isAlive()).isFalse();
    assertThat(runs).isEqualTo(1);
    assertThat(heard.lines).last().isEqualTo("ended 1 stopped");
    // The stop's interrupt did not leak into the thread that ran the session's state.
    assertThat(session.isClosed()).isFalse();
    session.close();
    assertThat(session.isClosed()).isTrue();
  }

  @Test
  void aStopRequestedBeforeTheStartDeploysNothing() throws Exception {
    session = stages.builder().local(true).watch(true).build().openSession();
    loop = loopBuilder().build();
    loop.requestStop();
    assertThat(loop.run(session)).isZero();
    assertThat(heard.lines).containsExactly("ended 0 stopped");
    assertThat(dir.resolve("out/page.txt")).doesNotExist();
  }

  @Test
  void maxRunsEndsTheLoopByItselfAndOwnWritesTriggerNoExtraRound() throws Exception {
    start(loopBuilder().maxRuns(3));
    awaitCount("watching", "watching", 1);
    writeInfra("version 1", "Helper.shout(\"page\")");
    awaitCount("a redeploy", "redeployed", 1);
    Files.writeString(resources.resolve("greeting.txt"), "hi");
    runner.join(WAIT.toMillis());
    assertThat(runner.isAlive()).isFalse();
    assertThat(runs).isEqualTo(3);
    assertThat(heard.lines).last().isEqualTo("ended 3");
    assertThat(page()).isEqualTo("version 1 hi true true");
    // Had the compiler's or the copy's writes in target/classes counted as an IDE build, the
    // second run would have been a redeploy of nothing and the resource edit never seen.
    assertThat(heard.redeployments.get(1).result().updated()).isEqualTo(1);
    assertThat(heard.redeployments.get(2).result().updated()).isEqualTo(1);
  }

  @Test
  void aClassFileWrittenBySomethingElseRedeploys() throws Exception {
    start(loopBuilder());
    awaitCount("watching", "watching", 1);
    // An IDE compiles the edit on its own and writes the class into target/classes.
    Path ideSources = Files.createDirectories(dir.resolve("ide/src/p"));
    Path ideOut = Files.createDirectories(dir.resolve("ide/out"));
    Files.writeString(ideSources.resolve("Infra.java"), Files.readString(sources.resolve(
        "Infra.java")).replace("version 0", "version ide"));
    InProcessCompiler ide = new InProcessCompiler(List.of(classes, coreClasses()), ideOut, "17",
        StandardCharsets.UTF_8);
    assertThat(ide.compile(List.of(ideSources.resolve("Infra.java"))).success()).isTrue();
    Files.copy(ideOut.resolve("p/Infra.class"), classes.resolve("p/Infra.class"),
        StandardCopyOption.REPLACE_EXISTING);
    awaitCount("the redeploy of the class file", "redeployed", 1);
    assertThat(page()).isEqualTo("version ide hello true true");
    assertThat(heard.count(l -> l.startsWith("compiled"))).isZero();
  }
}
