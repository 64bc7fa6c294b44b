package io.alchemy.bench;

import static io.alchemy.bench.MeasuredProcess.median;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * What a user waits for: whole Maven processes on a generated W1 project (N text files over 10
 * child scopes, filesystem backend), as {@code mvn alchemy:up} is really run. The project is
 * compiled and deployed once, then every round runs, each as a cold process and in an order
 * rotated per round so that a busy moment of the machine does not fall on one case only:
 * {@code validate} (Maven's own floor on the same project), {@code alchemy:up} with nothing to do
 * (as is, and quiet), {@code alchemy:read}, {@code alchemy:help}, {@code alchemy:plan} where the
 * installed plugin has it, and {@code alchemy:destroy} followed by a first deploy.
 *
 * <p>Per run: wall time and CPU time of the whole process tree (user + sys, by {@code
 * /usr/bin/time}), the engine's own time from its summary line (the whole run, opening the state
 * included), and the phases between the moments the timestamped Maven log and a {@code
 * -Xlog:gc+init} line (the JVM's start) show.
 * One extra run per case before the rounds, not timed, logs class loading ({@code
 * -Xlog:class+load}) to count the classes loaded, the AWS SDK's and the JDBC driver's among them,
 * and one {@code -X} run counts the jars of the plugin's class realm. Medians are printed, the
 * issue 16 targets with their ratios, and the machine's load.
 *
 * <p>Arguments: comma-separated sizes (default {@code 1000,10000}), rounds (default 3), and the
 * Maven command (default the repository's {@code mvnw}; e.g. {@code mvn} for the one on the
 * PATH). Goals that fail (a Maven the plugin refuses) are reported, not fatal. Needs the plugin
 * installed in the local repository ({@code ./mvnw install -DskipTests -Dinvoker.skip}); the
 * runs are offline ({@code -o}) against that repository. System properties set by the module's
 * exec configuration: {@code bench.repositoryRoot}, {@code bench.localRepository}, {@code
 * bench.alchemyVersion}.
 */
public final class WholeProcessBenchmark {

  private static final int SCOPES = 10;

  /** A summary line that says the run changed nothing. */
  private static final String NOTHING_CHANGED = ": 0 created, 0 updated, 0 replaced, 0 deleted";

  /** The phases of a run, in order, as printed; a case shows those its log has. */
  private static final List<String> PHASES = List.of(
      "launch>JVM", "JVM>scan", "scan>goal", "fork", "goal>1st", "1st>sum", "sum>done",
      "done>exit");

  /**
   * One measured kind of run: the Maven arguments, what its summary must say, and JVM options of
   * its own (MAVEN_OPTS; empty for all but the experiments).
   */
  private record Case(String name, List<String> args, Predicate<String> expectedSummary,
      String opts) {

    Case(String name, List<String> args, Predicate<String> expectedSummary) {
      this(name, args, expectedSummary, "");
    }

    boolean isAlchemyGoal() {
      return args.get(0).startsWith("alchemy:");
    }
  }

  /** One process's numbers; {@code phases} in ms, by the names of {@link #PHASES}. */
  private record Run(boolean ok, String note, double wallMs, double cpuMs,
      Map<String, Double> phases, OptionalLong engineMs) implements MeasuredProcess {}

  /** Classes one process loaded, counted from its class-load log. */
  private record ClassCounts(int total, int aws, int jdbc, int jackson, int inGoal,
      int beforeFirstLine, int realmJars, int awsRealmJars) {}

  /** One generated project and what was measured on it. */
  private static final class Project {
    final int n;
    final Path dir;
    final List<Case> cases;
    final Map<String, List<Run>> runs = new LinkedHashMap<>();
    final Map<String, ClassCounts> classes = new LinkedHashMap<>();

    Project(int n, Path dir, List<Case> cases) {
      this.n = n;
      this.dir = dir;
      this.cases = cases;
    }
  }

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int[] sizes = Arrays.stream((words.length > 0 && !words[0].isEmpty() ? words[0]
        : "1000,10000").split(",")).mapToInt(Integer::parseInt).toArray();
    int rounds = words.length > 1 ? Integer.parseInt(words[1]) : 3;
    Path root = repositoryRoot();
    String maven = words.length > 2 ? words[2] : root.resolve("mvnw").toString();
    Path localRepository = localRepository();
    String version = alchemyVersion();
    if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
      throw new IllegalStateException("/usr/bin/time is needed for the CPU time of a process"
          + " tree (Debian: apt-get install time)");
    }
    WholeProcessBenchmark bench = new WholeProcessBenchmark(maven, localRepository);
    Path pluginJar = localRepository.resolve("io/alchemy/alchemy-maven-plugin/" + version
        + "/alchemy-maven-plugin-" + version + ".jar");
    if (!Files.exists(pluginJar)) {
      throw new IllegalStateException("No " + pluginJar + ": install the plugin first, with"
          + " ./mvnw install -DskipTests -Dinvoker.skip");
    }
    warnIfStale(pluginJar, root);
    List<Case> cases = cases(hasGoal(pluginJar, "plan"));

    Path work = Files.createTempDirectory("alchemy-bench-process");
    String loadBefore = Measure.machineLoad();
    List<Double> loads = new ArrayList<>();
    boolean failures = false;
    try {
      String mavenVersion = bench.mavenVersion(work);
      List<Project> projects = new ArrayList<>();
      for (int n : sizes) {
        projects.add(new Project(n, work.resolve("w1-" + n),
            n == sizes[0] ? withJitExperiment(cases) : cases));
      }
      for (Project project : projects) {
        writeProject(project.dir, project.n, version);
        bench.prepare(project.dir);
      }
      // Not timed: fills the page cache with the jars every case reads, and counts classes.
      for (Project project : projects) {
        for (Case c : project.cases) {
          project.classes.put(c.name(), bench.countClasses(project, c));
        }
        project.classes.put("realm", bench.countRealmJars(project));
      }
      for (int r = 0; r < rounds; r++) {
        loads.add(Measure.oneMinuteLoad());
        for (Project project : projects) {
          for (Case c : Measure.rotated(project.cases, r)) {
            Run run = bench.timed(project, c, "r" + r);
            project.runs.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(run);
            failures |= !run.ok();
            if (c.name().equals("destroy")) {
              // The first deploy after a destroy, which also restores the stage for the next
              // no-op; timed as a case of its own.
              Case deploy = new Case("up (first deploy)", List.of("alchemy:up"),
                  s -> s.contains(": " + project.n + " created"));
              Run first = bench.timed(project, deploy, "r" + r);
              project.runs.computeIfAbsent(deploy.name(), k -> new ArrayList<>()).add(first);
              failures |= !first.ok();
            }
          }
        }
      }
      loads.add(Measure.oneMinuteLoad());
      for (Project project : projects) {
        printProject(project, mavenVersion, rounds);
      }
      printTargets(projects, mavenVersion, rounds, loadBefore, loads);
    } finally {
      if (failures) {
        System.out.println("\nSome runs failed or said something unexpected; their output is"
            + " kept in " + work);
      } else {
        Measure.deleteTree(work);
      }
    }
  }

  /** This repository's root, where mvnw is, as the module's exec configuration passes it. */
  static Path repositoryRoot() {
    return Path.of(System.getProperty("bench.repositoryRoot", "..")).toAbsolutePath()
        .normalize();
  }

  /** The local repository of the build that started the benchmark, for the runs to use. */
  static Path localRepository() {
    return Path.of(System.getProperty("bench.localRepository",
        System.getProperty("user.home") + "/.m2/repository"));
  }

  /** The version of the plugin and core the generated projects use: this build's. */
  static String alchemyVersion() {
    return System.getProperty("bench.alchemyVersion", "0.1.0-SNAPSHOT");
  }

  private final String maven;
  private final Path localRepository;

  WholeProcessBenchmark(String maven, Path localRepository) {
    this.maven = maven;
    this.localRepository = localRepository;
  }

  private static List<Case> cases(boolean withPlan) {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("validate", List.of("validate"), s -> true));
    cases.add(new Case("up (no-op)", List.of("alchemy:up"), s -> s.contains(NOTHING_CHANGED)));
    cases.add(new Case("up -Dalchemy.quiet", List.of("alchemy:up", "-Dalchemy.quiet"),
        s -> s.contains(NOTHING_CHANGED)));
    cases.add(new Case("read", List.of("alchemy:read"), s -> true));
    cases.add(new Case("help", List.of("alchemy:help"), s -> true));
    if (withPlan) {
      cases.add(new Case("plan", List.of("alchemy:plan"), s -> true));
    }
    cases.add(new Case("destroy", List.of("alchemy:destroy"), s -> s.contains(" deleted")));
    return cases;
  }

  /**
   * {@code cases} and the experiment of the JIT: validate and a no-op up with the C1 compiler
   * only ({@code -XX:TieredStopAtLevel=1}, as the ITs run), which says how much of the CPU time
   * of these short runs is C2 compiling code that runs once.
   */
  private static List<Case> withJitExperiment(List<Case> cases) {
    List<Case> out = new ArrayList<>(cases);
    String c1 = "-XX:TieredStopAtLevel=1";
    out.add(new Case("validate, C1 only", List.of("validate"), s -> true, c1));
    out.add(new Case("up (no-op), C1 only", List.of("alchemy:up"),
        s -> s.contains(NOTHING_CHANGED), c1));
    return out;
  }

  /**
   * Compiles the project and deploys it once, neither timed. A deploy that fails (a Maven the
   * plugin refuses) is reported and the benchmark goes on: its goals then fail alike and are
   * shown as failed, and {@code validate} is still measured.
   */
  void prepare(Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("prepare.log");
    if (maven(dir, List.of("compile", "-q"), "", out, null) != 0) {
      throw new IllegalStateException("mvn compile failed in " + dir + ": "
          + MavenRunLog.read(out).failure());
    }
    if (maven(dir, List.of("alchemy:up", "-Dalchemy.quiet"), "", out, null) != 0) {
      System.out.println("The first deploy failed in " + dir + ": "
          + MavenRunLog.read(out).failure());
    }
  }

  /** One timed run of {@code c}, with its log and the JVM's start time kept beside it. */
  private Run timed(Project project, Case c, String round)
      throws IOException, InterruptedException {
    String id = round + "-" + c.name().replaceAll("[^a-z0-9]+", "-");
    Path out = project.dir.resolve("logs/" + id + ".log");
    Path jvm = project.dir.resolve("logs/" + id + ".jvm.log");
    Path time = project.dir.resolve("logs/" + id + ".time");
    Files.createDirectories(out.getParent());
    // gc+init logs a dozen lines once, at the JVM's start: its time and uptime give the start.
    String opts = (c.opts() + " -Xlog:gc+init=info:file=" + jvm + ":time,uptimemillis").trim();
    LocalTime launch = LocalTime.now();
    int exit = maven(project.dir, c.args(), opts, out, time);
    LocalTime ended = LocalTime.now();
    MavenRunLog log = MavenRunLog.read(out);
    double[] wallAndCpu = MeasuredProcess.wallAndCpuMillis(time);
    double wall = wallAndCpu[0];
    double cpu = wallAndCpu[1];
    Optional<LocalTime> jvmStart = MavenRunLog.readJvmLog(jvm).stream().findFirst()
        .map(MavenRunLog.JvmLine::jvmStart);
    Map<String, Double> phases = new LinkedHashMap<>();
    Optional<LocalTime> scanning = log.scanning();
    Optional<LocalTime> goalStart = log.goalStart();
    Optional<LocalTime> firstLine = log.firstGoalLine();
    Optional<LocalTime> summary = log.engineSummary().map(MavenRunLog.Line::time);
    Optional<LocalTime> done = log.buildSuccess();
    put(phases, "launch>JVM", Optional.of(launch), jvmStart);
    put(phases, "JVM>scan", jvmStart, scanning);
    put(phases, "scan>goal", scanning, log.forkStart().or(() -> goalStart)
        .or(() -> c.isAlchemyGoal() ? Optional.empty() : done));
    put(phases, "fork", log.forkStart(), goalStart);
    put(phases, "goal>1st", goalStart, firstLine);
    put(phases, "1st>sum", firstLine, summary);
    put(phases, "sum>done", summary.isPresent() ? summary : firstLine, done);
    put(phases, "done>exit", done, Optional.of(ended));
    String summaryText = log.engineSummary().map(MavenRunLog.Line::text).orElse("");
    boolean ok = exit == 0 && done.isPresent()
        && (summary.isEmpty() || c.expectedSummary().test(summaryText));
    String note = exit != 0 ? "exit " + exit + ": " + log.failure()
        : !ok ? "unexpected: " + summaryText : "";
    if (!ok) {
      System.out.printf("  %s, N = %d, %s: %s (%s)%n", c.name(), project.n, round, note, out);
    }
    return new Run(ok, note, wall, cpu, phases, log.engineMillis());
  }

  private static void put(Map<String, Double> phases, String name, Optional<LocalTime> from,
      Optional<LocalTime> to) {
    if (from.isPresent() && to.isPresent()) {
      phases.put(name, MavenRunLog.millisBetween(from.get(), to.get()));
    }
  }

  /**
   * One run of {@code c} with a class-load log, not timed; undoes a destroy at once. Null when
   * the goal failed.
   */
  private ClassCounts countClasses(Project project, Case c)
      throws IOException, InterruptedException {
    String id = "classes-" + c.name().replaceAll("[^a-z0-9]+", "-");
    Path out = project.dir.resolve("logs/" + id + ".log");
    Path classLog = project.dir.resolve("logs/" + id + ".classes.log");
    Files.createDirectories(out.getParent());
    int exit = maven(project.dir, c.args(), (c.opts() + " -Xlog:class+load=info:file="
        + classLog + ":time,uptimemillis").trim(), out, null);
    if (c.name().equals("destroy")) {
      maven(project.dir, List.of("alchemy:up", "-Dalchemy.quiet"), "",
          project.dir.resolve("logs/redeploy.log"), null);
    }
    if (exit != 0) {
      // A goal that failed loaded no more than Maven's own classes: no count to report.
      return null;
    }
    MavenRunLog log = MavenRunLog.read(out);
    Optional<LocalTime> goalStart = log.goalStart();
    Optional<LocalTime> firstLine = log.firstGoalLine();
    Optional<LocalTime> done = log.buildSuccess();
    int total = 0;
    int aws = 0;
    int jdbc = 0;
    int jackson = 0;
    int inGoal = 0;
    int beforeFirst = 0;
    for (MavenRunLog.JvmLine line : MavenRunLog.readJvmLog(classLog)) {
      String name = line.text();
      total++;
      aws += name.startsWith("software.amazon.") ? 1 : 0;
      jdbc += name.startsWith("org.postgresql.") ? 1 : 0;
      jackson += name.startsWith("com.fasterxml.jackson.") ? 1 : 0;
      if (goalStart.isPresent() && !line.time().isBefore(goalStart.get())
          && (done.isEmpty() || !line.time().isAfter(done.get()))) {
        inGoal++;
        if (firstLine.isPresent() && line.time().isBefore(firstLine.get())) {
          beforeFirst++;
        }
      }
    }
    return new ClassCounts(total, aws, jdbc, jackson, inGoal, beforeFirst, -1, -1);
  }

  /**
   * The jars of the plugin's class realm, from one {@code alchemy:help -X} run, where Maven lists
   * them as it populates the realm; null when the goal failed.
   */
  private ClassCounts countRealmJars(Project project) throws IOException, InterruptedException {
    Path out = project.dir.resolve("logs/realm.log");
    if (maven(project.dir, List.of("alchemy:help", "-X"), "", out, null) != 0) {
      return null;
    }
    int jars = 0;
    int aws = 0;
    boolean inRealm = false;
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      if (line.contains("Populating class realm plugin>io.alchemy:alchemy-maven-plugin")) {
        inRealm = true;
      } else if (inRealm && line.contains("  Included: ")) {
        jars++;
        aws += line.contains("Included: software.amazon") ? 1 : 0;
      } else if (inRealm && !line.contains("  Excluded: ")) {
        inRealm = false;
      }
    }
    return new ClassCounts(0, 0, 0, 0, 0, 0, jars, aws);
  }

  private String mavenVersion(Path work) throws IOException, InterruptedException {
    Path out = work.resolve("maven-version.log");
    maven(work, List.of("-v"), "", out, null);
    return Files.readAllLines(out, StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("Apache Maven")).findFirst()
        .map(l -> l.replaceAll("^.*Apache Maven (\\S+).*$", "$1")).orElse("unknown");
  }

  /**
   * Runs Maven in {@code dir}, offline against the benchmark's local repository, with times of
   * day on its lines, and {@code /usr/bin/time} writing wall, user and sys seconds to {@code
   * time} when given. MAVEN_OPTS is {@code opts} alone, so a user's setting does not change
   * what is measured; MAVEN_ARGS is dropped for the same reason.
   */
  int maven(Path dir, List<String> args, String opts, Path out, Path time)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (time != null) {
      command.addAll(List.of("/usr/bin/time", "-o", time.toString(), "-f", "%e %U %S"));
    }
    command.add(maven);
    command.addAll(List.of("-B", "-o", "-Dmaven.repo.local=" + localRepository));
    command.addAll(MavenRunLog.TIMESTAMPS);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile());
    builder.environment().put("MAVEN_OPTS", opts);
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("mvn " + String.join(" ", args) + " took over 10 minutes");
    }
    return process.exitValue();
  }

  /**
   * W1 as a Maven project: the definition, its service registration, a POM like quickstart's.
   */
  static void writeProject(Path dir, int n, String version)
      throws IOException {
    Path source = dir.resolve("src/main/java/bench/w1/W1Definition.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package bench.w1;

        import io.alchemy.core.InfrastructureDefinition;
        import io.alchemy.core.Scope;
        import io.alchemy.core.fs.TextFile;

        /** Workload W1: N text files over the child scopes. */
        public final class W1Definition implements InfrastructureDefinition {
          private static final int N = %d;
          private static final int SCOPES = %d;

          @Override
          public void define(Scope stage) throws Exception {
            for (int s = 0; s < SCOPES; s++) {
              int scope = s;
              stage.run("scope-" + scope, child -> {
                for (int i = scope; i < N; i += SCOPES) {
                  TextFile.declare(child, "f" + i, TextFile.props(
                      "files/scope-" + scope + "/f" + i + ".txt", "v1 " + i));
                }
              });
            }
          }
        }
        """.formatted(n, SCOPES));
    Path services = dir.resolve(
        "src/main/resources/META-INF/services/io.alchemy.core.InfrastructureDefinition");
    Files.createDirectories(services.getParent());
    Files.writeString(services, "bench.w1.W1Definition\n");
    // The plugin versions of examples/quickstart/pom.xml, which the build has resolved.
    Files.writeString(dir.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 \
        https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId>
          <artifactId>w1</artifactId>
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
                <configuration>
                  <app>w1</app>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(version));
  }

  private static void printProject(Project project, String mavenVersion, int rounds) {
    System.out.printf("%nW1, N = %d text files over %d child scopes, filesystem backend;"
        + "%ncold Maven %s processes, %d rounds interleaved, medians (wall and CPU in s, the"
        + " rest in ms)%n%n", project.n, SCOPES, mavenVersion, rounds);
    double validateCpu = median(project.runs.get("validate"), Run::cpuMs);
    System.out.printf("%-20s | %6s | %6s | %7s | %6s | %7s | %4s | %4s | %7s | %7s | %6s%n",
        "case", "wall", "CPU", "CPU/val", "engine", "classes", "AWS", "JDBC", "Jackson",
        "in goal", "to 1st");
    String rule = "---------------------+--------+--------+---------+--------+---------+------"
        + "+------+---------+---------+-------";
    System.out.println(rule);
    project.runs.forEach((name, runs) -> {
      double cpu = median(runs, Run::cpuMs);
      List<Double> engine = runs.stream().filter(r -> r.engineMs().isPresent())
          .map(r -> (double) r.engineMs().getAsLong()).toList();
      ClassCounts classes = project.classes.get(name);
      System.out.printf(
          "%-20s | %6.2f | %6.2f | %6.2fx | %6s | %7s | %4s | %4s | %7s | %7s | %6s%s%n",
          name, median(runs, Run::wallMs) / 1000, cpu / 1000, cpu / validateCpu,
          engine.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", Measure.median(engine)),
          classes == null ? "-" : classes.total(), classes == null ? "-" : classes.aws(),
          classes == null ? "-" : classes.jdbc(), classes == null ? "-" : classes.jackson(),
          classes == null ? "-" : classes.inGoal(),
          classes == null ? "-" : classes.beforeFirstLine(), MeasuredProcess.failures(runs));
    });
    System.out.printf("%n(engine: ms, as the plugin's summary line says: the whole run, opening the"
        + " state included%n(plugins built before that was so start it after the opening);"
        + " classes: from one untimed run with -Xlog:class+load;%nin goal: loaded from the goal's start line to BUILD"
        + " SUCCESS; to 1st: from the goal's start line to its first line)%n");
    ClassCounts realm = project.classes.get("realm");
    if (realm != null) {
      System.out.printf("the plugin's class realm: %d jars, %d of them AWS SDK"
          + " (software.amazon.*), by alchemy:help -X%n", realm.realmJars(), realm.awsRealmJars());
    }
    System.out.printf("%nPhases, medians in ms: launch>JVM the mvnw/mvn scripts; JVM>scan Maven's"
        + " boot; scan>goal%nthe project and the build plan (validate: to BUILD SUCCESS); fork the"
        + " lifecycle fork to%nprocess-classes; goal>1st from the goal's start line to its first"
        + " line; 1st>sum to the engine's%nsummary; sum>done to BUILD SUCCESS (from the first"
        + " line where no summary); done>exit shut-down%n%n");
    System.out.printf("%-20s", "case");
    PHASES.forEach(p -> System.out.printf(" | %10s", p));
    System.out.println();
    System.out.println("-".repeat(20) + "-+-----------".repeat(PHASES.size()) + "-");
    project.runs.forEach((name, runs) -> {
      System.out.printf("%-20s", name);
      for (String phase : PHASES) {
        List<Double> values = runs.stream()
            .filter(r -> r.ok() && r.phases().containsKey(phase))
            .map(r -> r.phases().get(phase)).toList();
        System.out.printf(" | %10s", values.isEmpty() ? "-"
            : String.format(Locale.ROOT, "%.0f", Measure.median(values)));
      }
      System.out.println();
    });
  }

  private static void printTargets(List<Project> projects, String mavenVersion, int rounds,
      String loadBefore, List<Double> loads) {
    System.out.printf("%nIssue 16 targets (Maven %s, %d rounds)%n%n", mavenVersion, rounds);
    System.out.printf("%-62s | %9s | %9s | %s%n", "target", "measured", "target", "");
    System.out.println("-".repeat(63) + "+-----------+-----------+------");
    Optional<Project> w1 = projects.stream().filter(p -> p.n == 1000).findFirst()
        .or(() -> projects.stream().findFirst());
    w1.ifPresent(p -> {
      double ratio = median(p.runs.get("up (no-op)"), Run::cpuMs)
          / median(p.runs.get("validate"), Run::cpuMs);
      target("CPU of up (no-op) / CPU of validate, N = " + p.n, ratio, 1.3, "x");
      target("up (no-op): goal's start line to its first line, s, N = " + p.n,
          phase(p, "up (no-op)", "goal>1st") / 1000, 0.3, "s");
      for (String goal : List.of("help", "read")) {
        ClassCounts c = p.classes.get(goal);
        target(goal + ": AWS SDK + JDBC classes loaded",
            c == null ? Double.NaN : c.aws() + c.jdbc(), 0, "");
      }
    });
    Optional<Project> large = projects.stream().filter(p -> p.n == 10_000).findFirst();
    if (large.isPresent()) {
      List<Double> engine = large.get().runs.get("up (no-op)").stream()
          .filter(r -> r.engineMs().isPresent())
          .map(r -> r.engineMs().getAsLong() / 1000.0).toList();
      target("engine no-op (as the plugin prints it), s, N = 10000",
          engine.isEmpty() ? Double.NaN : Measure.median(engine), 0.3, "s");
    } else {
      System.out.println("engine no-op at N = 10000: not measured (add 10000 to the sizes)");
    }
    Project reference = projects.get(0);
    double validateCpu = median(reference.runs.get("validate"), Run::cpuMs);
    System.out.println();
    List<Run> c1Validate = reference.runs.get("validate, C1 only");
    if (c1Validate != null) {
      double c1 = median(c1Validate, Run::cpuMs);
      System.out.printf("Experiment, N = %d, C1 only (-XX:TieredStopAtLevel=1): CPU of validate"
          + " %.2f s (%.2f s with C2), of up (no-op) %.2f s (%.2f s); up / validate %.2fx%n",
          reference.n, c1 / 1000, validateCpu / 1000,
          median(reference.runs.get("up (no-op), C1 only"), Run::cpuMs) / 1000,
          median(reference.runs.get("up (no-op)"), Run::cpuMs) / 1000,
          median(reference.runs.get("up (no-op), C1 only"), Run::cpuMs) / c1);
    }
    System.out.printf("%nmachine: before %s; 1-min load at each round's start and the end:"
        + " %s; after %s%n", loadBefore, loads.stream()
        .map(l -> String.format(Locale.ROOT, "%.2f", l)).toList(), Measure.machineLoad());
  }

  private static double phase(Project project, String name, String phase) {
    List<Double> values = project.runs.getOrDefault(name, List.of()).stream()
        .filter(r -> r.ok() && r.phases().containsKey(phase)).map(r -> r.phases().get(phase))
        .toList();
    return values.isEmpty() ? Double.NaN : Measure.median(values);
  }

  private static void target(String what, double measured, double target, String unit) {
    System.out.printf("%-62s | %8.2f%s | %8.2f%s | %s%n", what, measured, unit.isEmpty() ? " "
        : unit, target, unit.isEmpty() ? " " : unit, Double.isNaN(measured) ? "not measured"
        : measured <= target ? "met" : "MISSED");
  }


  /** Whether the installed plugin has {@code goal}: its descriptor lists it. */
  private static boolean hasGoal(Path pluginJar, String goal) throws IOException {
    try (ZipFile zip = new ZipFile(pluginJar.toFile())) {
      var entry = zip.getEntry("META-INF/maven/plugin.xml");
      if (entry == null) {
        return false;
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .contains("<goal>" + goal + "</goal>");
      }
    }
  }

  /**
   * Says so when the plugin or core sources changed after the installed plugin was built: the
   * benchmark measures the installed plugin, not the working tree.
   */
  private static void warnIfStale(Path pluginJar, Path root) throws IOException {
    long installed = Files.getLastModifiedTime(pluginJar).toMillis();
    for (String module : List.of("alchemy-maven-plugin", "alchemy-core")) {
      Path sources = root.resolve(module).resolve("src/main");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(sources)) {
        Optional<Path> newer = files.filter(Files::isRegularFile).filter(f -> {
          try {
            return Files.getLastModifiedTime(f).toMillis() > installed;
          } catch (IOException e) {
            return false;
          }
        }).findFirst();
        newer.ifPresent(f -> System.out.println("Note: " + root.relativize(f) + " is newer than"
            + " the installed plugin; run ./mvnw install -DskipTests -Dinvoker.skip to measure"
            + " the working tree."));
      }
    }
  }
}
