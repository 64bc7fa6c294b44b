package io.alchemy.bench;

import static io.alchemy.bench.MeasuredProcess.median;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a developer waits for in local mode: a cold {@code mvn alchemy:up -Dalchemy.local} with
 * nothing to do, on a project whose stage uses both local servers (a PostgreSQL database on the
 * embedded PostgreSQL, an S3 bucket and object on S3Mock, and a text file), against the same
 * project without the local resources (the text file only; same POM, same plugin realm). Issue
 * 16's target: the first within 1 s (wall) of the second.
 *
 * <p>Both projects are compiled and deployed locally once, then every round runs, each as a cold
 * process and in an order rotated per round: the project without local resources, the one with
 * them, and the one with them after its servers' data generation files were deleted (not timed),
 * which makes the run start both servers and look at every resource, as every local run did
 * before the servers started only on need. Per run: wall and CPU time of the whole process tree
 * ({@code /usr/bin/time}), the engine's time from its summary line, and how many local servers it
 * started (its "Local ... started" lines). Medians are printed, the difference and the target,
 * and the machine's 1-minute load at each round's start.
 *
 * <p>Arguments: rounds (default 5), and the Maven command (default the repository's {@code
 * mvnw}). Needs the plugin installed in the local repository ({@code ./mvnw install -DskipTests
 * -Dinvoker.skip}); the runs are offline against that repository.
 */
public final class LocalProcessBenchmark {

  private static final String APP = "bench-local";
  private static final String NOTHING_CHANGED = ": 0 created, 0 updated, 0 replaced, 0 deleted";

  /** One measured kind of run on one of the two projects. */
  private record Case(String name, Path project, int resources, boolean forceLook) {}

  /** One process's numbers. */
  private record Run(boolean ok, String note, double wallMs, double cpuMs, OptionalLong engineMs,
      int serversStarted) implements MeasuredProcess {}

  private LocalProcessBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int rounds = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 5;
    Path root = WholeProcessBenchmark.repositoryRoot();
    String maven = words.length > 1 ? words[1] : root.resolve("mvnw").toString();
    Path localRepository = WholeProcessBenchmark.localRepository();
    String version = WholeProcessBenchmark.alchemyVersion();
    if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
      throw new IllegalStateException("/usr/bin/time is needed for the CPU time of a process"
          + " tree (Debian: apt-get install time)");
    }
    Path pluginJar = localRepository.resolve("io/alchemy/alchemy-maven-plugin/" + version
        + "/alchemy-maven-plugin-" + version + ".jar");
    if (!Files.exists(pluginJar)) {
      throw new IllegalStateException("No " + pluginJar + ": install the plugin first, with"
          + " ./mvnw install -DskipTests -Dinvoker.skip");
    }
    WholeProcessBenchmark runner = new WholeProcessBenchmark(maven, localRepository);
    Path work = Files.createTempDirectory("alchemy-bench-local-process");
    Path plain = work.resolve("without-local");
    Path local = work.resolve("with-local");
    List<Case> cases = List.of(
        new Case("without local resources", plain, 1, false),
        new Case("with local resources", local, 4, false),
        new Case("with local, data to look at", local, 4, true));
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    String loadBefore = Measure.machineLoad();
    List<Double> loads = new ArrayList<>();
    boolean failures = false;
    try {
      writeProject(plain, version, false);
      writeProject(local, version, true);
      for (Path project : List.of(plain, local)) {
        prepare(runner, project);
      }
      for (int r = 0; r < rounds; r++) {
        loads.add(Measure.oneMinuteLoad());
        for (Case c : Measure.rotated(cases, r)) {
          Run run = timed(runner, c, "r" + r);
          runs.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(run);
          failures |= !run.ok();
        }
      }
      loads.add(Measure.oneMinuteLoad());
      print(runs, rounds, loadBefore, loads);
    } finally {
      if (failures) {
        System.out.println("\nSome runs failed or said something unexpected; their output is"
            + " kept in " + work);
      } else {
        Measure.deleteTree(work);
      }
    }
  }

  /**
   * Compiles and deploys locally, then one no-op run, none timed: the first deploy starts the
   * servers (PostgreSQL's initdb), the no-op fills the page cache with what the timed runs read.
   */
  private static void prepare(WholeProcessBenchmark runner, Path project)
      throws IOException, InterruptedException {
    Path out = project.resolve("prepare.log");
    for (List<String> goals : List.of(List.of("compile", "-q"),
        List.of("alchemy:up", "-Dalchemy.local"), List.of("alchemy:up", "-Dalchemy.local"))) {
      if (runner.maven(project, goals, "", out, null) != 0) {
        throw new IllegalStateException("mvn " + String.join(" ", goals) + " failed in "
            + project + ": " + MavenRunLog.read(out).failure());
      }
    }
  }

  private static Run timed(WholeProcessBenchmark runner, Case c, String round)
      throws IOException, InterruptedException {
    if (c.forceLook()) {
      // Without its generation the data must be looked at: both servers start, as before.
      for (String server : List.of("postgres", "s3")) {
        Files.deleteIfExists(c.project().resolve("target/alchemy/local/" + APP + "/dev/"
            + server + "/alchemy-generation"));
      }
    }
    String id = round + "-" + c.name().replaceAll("[^a-z0-9]+", "-");
    Path out = c.project().resolve("logs/" + id + ".log");
    Path time = c.project().resolve("logs/" + id + ".time");
    Files.createDirectories(out.getParent());
    int exit = runner.maven(c.project(), List.of("alchemy:up", "-Dalchemy.local"), "", out,
        time);
    MavenRunLog log = MavenRunLog.read(out);
    double[] wallAndCpu = MeasuredProcess.wallAndCpuMillis(time);
    double wall = wallAndCpu[0];
    double cpu = wallAndCpu[1];
    int started = (int) log.lines().stream()
        .filter(l -> l.text().startsWith("Local ") && l.text().contains(" started in "))
        .count();
    String summary = log.engineSummary().map(MavenRunLog.Line::text).orElse("");
    boolean ok = exit == 0 && summary.contains(NOTHING_CHANGED + ", " + c.resources()
        + " unchanged") && started == (c.forceLook() ? 2 : 0);
    String note = exit != 0 ? "exit " + exit + ": " + log.failure()
        : !ok ? "unexpected: " + summary + ", " + started + " servers started" : "";
    if (!ok) {
      System.out.printf("  %s, %s: %s (%s)%n", c.name(), round, note, out);
    }
    return new Run(ok, note, wall, cpu, log.engineMillis(), started);
  }

  private static void print(Map<String, List<Run>> runs, int rounds, String loadBefore,
      List<Double> loads) {
    System.out.printf("%nLocal mode: cold no-op `alchemy:up -Dalchemy.local`, whole Maven"
        + " processes, %d rounds interleaved, medians%n", rounds);
    System.out.println("with local resources: a PostgreSQL database (embedded PostgreSQL), an S3"
        + " bucket and an object (S3Mock), a text file;\nwithout: the same project with the text"
        + " file only (same POM and plugin realm)\n");
    System.out.printf("%-30s | %7s | %7s | %9s | %s%n", "case", "wall s", "CPU s", "engine ms",
        "servers started");
    System.out.println("-".repeat(31) + "+---------+---------+-----------+----------------");
    runs.forEach((name, list) -> {
      List<Double> engine = list.stream().filter(r -> r.ok() && r.engineMs().isPresent())
          .map(r -> (double) r.engineMs().getAsLong()).toList();
      System.out.printf("%-30s | %7.2f | %7.2f | %9s | %s%s%n", name,
          median(list, Run::wallMs) / 1000, median(list, Run::cpuMs) / 1000,
          engine.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", Measure.median(engine)),
          list.stream().map(r -> Integer.toString(r.serversStarted())).toList(),
          MeasuredProcess.failures(list));
    });
    double plain = median(runs.get("without local resources"), Run::wallMs) / 1000;
    double local = median(runs.get("with local resources"), Run::wallMs) / 1000;
    double looked = median(runs.get("with local, data to look at"), Run::wallMs) / 1000;
    double difference = local - plain;
    System.out.printf("%nwall, with local resources - without: %.2f s - %.2f s = %.2f s;"
        + " target <= 1.00 s: %s%n", local, plain, difference, Double.isNaN(difference)
        ? "not measured" : difference <= 1.0 ? "met" : "MISSED");
    // On a loaded machine the wall times move with the load; the CPU times hardly do.
    double cpuDifference = (median(runs.get("with local resources"), Run::cpuMs)
        - median(runs.get("without local resources"), Run::cpuMs)) / 1000;
    System.out.printf("CPU, with local resources - without: %.2f s%n", cpuDifference);
    System.out.printf("when the servers must start to look (as every local run did before):"
        + " %.2f s, %.2f s more than without%n", looked, looked - plain);
    System.out.printf("%nmachine: before %s; 1-min load at each round's start and the end: %s;"
        + " after %s%n", loadBefore, loads.stream()
        .map(l -> String.format(Locale.ROOT, "%.2f", l)).toList(), Measure.machineLoad());
  }

  /**
   * The project: a definition with or without the local resources, registered in {@code
   * META-INF/services}, and a POM giving the plugin both local server modules.
   */
  static void writeProject(Path dir, String version, boolean localResources)
      throws IOException {
    Path source = dir.resolve("src/main/java/bench/local/LocalDefinition.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package bench.local;

        import io.alchemy.aws.S3Bucket;
        import io.alchemy.aws.S3Object;
        import io.alchemy.core.InfrastructureDefinition;
        import io.alchemy.core.Scope;
        import io.alchemy.core.fs.TextFile;
        import io.alchemy.postgres.Database;

        /** A text file, and with LOCAL a database, a bucket and an object on the local servers. */
        public final class LocalDefinition implements InfrastructureDefinition {
          private static final boolean LOCAL = %s;

          @Override
          public void define(Scope scope) throws Exception {
            TextFile.declare(scope, "notes", TextFile.props("target/out/notes.txt", "bench\\n"));
            if (LOCAL) {
              Database.declare(scope, "app-db", Database.props("bench_local").build());
              S3Bucket.Output site = S3Bucket.declare(scope, "site",
                  S3Bucket.props("bench-local-site").build());
              S3Object.declare(scope, "page", S3Object.props(site.name(), "index.html")
                  .content("<h1>bench</h1>").build());
            }
          }
        }
        """.formatted(localResources));
    Path services = dir.resolve(
        "src/main/resources/META-INF/services/io.alchemy.core.InfrastructureDefinition");
    Files.createDirectories(services.getParent());
    Files.writeString(services, "bench.local.LocalDefinition\n");
    // The plugin versions of examples/quickstart/pom.xml, which the build has resolved.
    Files.writeString(dir.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 \
        https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId>
          <artifactId>%s</artifactId>
          <version>1.0-SNAPSHOT</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
            <alchemy.version>%s</alchemy.version>
          </properties>
          <dependencies>
            <dependency>
              <groupId>io.alchemy</groupId>
              <artifactId>alchemy-core</artifactId>
              <version>${alchemy.version}</version>
            </dependency>
            <dependency>
              <groupId>io.alchemy</groupId>
              <artifactId>alchemy-postgres</artifactId>
              <version>${alchemy.version}</version>
            </dependency>
            <dependency>
              <groupId>io.alchemy</groupId>
              <artifactId>alchemy-aws</artifactId>
              <version>${alchemy.version}</version>
            </dependency>
          </dependencies>
          <build>
            <pluginManagement>
              <plugins>
                <plugin>
                  <groupId>org.apache.maven.plugins</groupId>
                  <artifactId>maven-compiler-plugin</artifactId>
                  <version>3.14.0</version>
                </plugin>
                <plugin>
                  <groupId>org.apache.maven.plugins</groupId>
                  <artifactId>maven-resources-plugin</artifactId>
                  <version>3.3.1</version>
                </plugin>
              </plugins>
            </pluginManagement>
            <plugins>
              <plugin>
                <groupId>io.alchemy</groupId>
                <artifactId>alchemy-maven-plugin</artifactId>
                <version>${alchemy.version}</version>
                <dependencies>
                  <dependency>
                    <groupId>io.alchemy</groupId>
                    <artifactId>alchemy-postgres-local</artifactId>
                    <version>${alchemy.version}</version>
                  </dependency>
                  <dependency>
                    <groupId>io.alchemy</groupId>
                    <artifactId>alchemy-aws-local</artifactId>
                    <version>${alchemy.version}</version>
                  </dependency>
                </dependencies>
                <configuration>
                  <app>%s</app>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(dir.getFileName(), version, APP));
  }
}
