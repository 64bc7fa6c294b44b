package io.alchemy.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of one Maven run goes, from the JVM's start to its exit. Generates and deploys a
 * W1 project (as {@link WholeProcessBenchmark} does), runs each goal once to warm the page
 * cache, then once with JFR (method sampling every millisecond, stacks 512 frames deep) and a
 * class-load log, and prints per phase of the run (the moments the timestamped Maven log shows:
 * Scanning, the fork, the goal's start, its first line, the engine's summary, BUILD SUCCESS):
 * the wall time, the classes loaded and the jars they came from, the share of the main thread's
 * samples in named components (plugin dependency resolution, the realm, Jackson, the state,
 * ...), and the hottest library frames. Then {@link ColdStartProbe} times the pieces of a no-op
 * {@code up} in a fresh JVM.
 *
 * <p>JFR's own start (about a second) falls in the first phase, and sampling slows every phase
 * somewhat: read the phases' shares and the class counts here, the times in {@link
 * WholeProcessBenchmark}. Samples are of threads running Java code; time in the JVM itself
 * (class loading and linking, the JIT compiler) shows in the class counts and the JIT and GC
 * totals instead.
 *
 * <p>Arguments: N (default 1000), and comma-separated goals (default {@code up,read}; {@code up}
 * means {@code alchemy:up}, {@code validate} is Maven's own). The project and the recordings are
 * kept, their folder printed: open a {@code .jfr} in JDK Mission Control or with {@code jfr}.
 */
public final class StartupProfile {

  private StartupProfile() {}

  /** A named part of the work, found in a sample's stack by its methods' prefixes. */
  private record Component(String name, List<String> prefixes) {

    boolean in(List<String> frames) {
      for (String frame : frames) {
        for (String prefix : prefixes) {
          if (frame.startsWith(prefix)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static final String PLUGIN_MANAGER =
      "org.apache.maven.plugin.internal.DefaultMavenPluginManager.";

  /** What the phases' samples are counted in; a sample may be in several (they nest). */
  private static final List<Component> COMPONENTS = List.of(
      new Component("Sisu/Guice container (Maven's boot, realms)",
          List.of("org.eclipse.sisu.", "com.google.inject.")),
      new Component("project building (POM models)",
          List.of("org.apache.maven.project.DefaultProjectBuilder.")),
      new Component("plugin prefix and descriptor",
          List.of("org.apache.maven.plugin.prefix.", PLUGIN_MANAGER + "getPluginDescriptor")),
      new Component("build plan, forked lifecycle",
          List.of("org.apache.maven.lifecycle.internal.DefaultLifecycleExecutionPlanCalculator.")),
      new Component("a plugin's realm (set-up)", List.of(PLUGIN_MANAGER + "setupPluginRealm")),
      new Component("  of which: its dependency resolution",
          List.of("org.apache.maven.plugin.internal.DefaultPluginDependenciesResolver.")),
      new Component("project dependency resolution",
          List.of("org.apache.maven.lifecycle.internal.LifecycleDependencyResolver.")),
      new Component("mojo lookup and configuration",
          List.of(PLUGIN_MANAGER + "getConfiguredMojo")),
      new Component("resources:resources (the fork)",
          List.of("org.apache.maven.plugins.resources.")),
      new Component("compiler:compile (the fork)",
          List.of("org.apache.maven.plugin.compiler.")),
      new Component("the alchemy goal (plugin code and all below)", List.of("io.alchemy.maven.")),
      new Component("  definition class loader", List.of("io.alchemy.core.definition.")),
      new Component("  engine run (Alchemy.run)", List.of("io.alchemy.core.Alchemy.run")),
      new Component("    state open", List.of("io.alchemy.core.state.FileSystemStateStore.open")),
      new Component("    state writes (journal, snapshot)",
          List.of("io.alchemy.core.state.FileSystemStageState.put",
              "io.alchemy.core.state.FileSystemStageState.remove",
              "io.alchemy.core.state.FileSystemStageState.compact",
              "io.alchemy.core.state.FileSystemStageState.close",
              "io.alchemy.core.state.Journal.")),
      new Component("    the definition's define()",
          List.of("io.alchemy.core.engine.Deployment.define")),
      new Component("  Jackson (all of it)", List.of("com.fasterxml.jackson.")),
      new Component("  Jackson set-up (StateJson)", List.of("io.alchemy.core.state.StateJson.")),
      new Component("  ReadMojo.afterRun (read's listing)",
          List.of("io.alchemy.maven.ReadMojo.afterRun")),
      new Component("Maven's log output", List.of("org.apache.maven.monitor.logging.",
          "org.apache.maven.cli.logging.", "org.slf4j.", "org.fusesource.jansi.")),
      // Not "org.codehaus.plexus.classworlds.": its launcher is at the bottom of every stack.
      new Component("class loading (Java side)", List.of("java.lang.ClassLoader.loadClass",
          "java.lang.ClassLoader.defineClass", "org.codehaus.plexus.classworlds.realm.",
          "jdk.internal.loader.", "java.net.URLClassLoader.")),
      new Component("jar and zip reading", List.of("java.util.zip.", "java.util.jar.")),
      new Component("JFR itself", List.of("jdk.jfr.")));

  /** Packages a hot frame is reported in; JDK frames count to their nearest such caller. */
  private static final List<String> LIBRARIES = List.of("io.alchemy.", "com.fasterxml.",
      "org.apache.maven.", "org.eclipse.", "com.google.", "org.codehaus.", "bench.");

  private record Sample(LocalTime time, boolean main, List<String> frames) {}

  private record Mark(String name, LocalTime time) {}

  public static void main(String[] args) throws Exception {
    String[] words = args.length == 1 ? args[0].trim().split("\\s+") : args;
    int n = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 1000;
    List<String> goals = List.of((words.length > 1 ? words[1] : "up,read").split(","));
    WholeProcessBenchmark bench = new WholeProcessBenchmark(
        WholeProcessBenchmark.repositoryRoot().resolve("mvnw").toString(),
        WholeProcessBenchmark.localRepository());
    Path work = Files.createTempDirectory("alchemy-profile");
    Path project = work.resolve("w1-" + n);
    WholeProcessBenchmark.writeProject(project, n, WholeProcessBenchmark.alchemyVersion());
    bench.prepare(project);
    System.out.printf("Profile of single Maven runs on W1, N = %d; %s%n", n,
        Measure.machineLoad());
    for (String goal : goals) {
      profile(bench, project, goal.trim());
    }
    // The probe's class path holds what the plugin's realm gives the engine (core, Jackson) and
    // the probe, not this module's servers and SDKs: Jackson's module discovery reads every jar.
    String classpath = Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator))
        .filter(e -> e.contains("alchemy-core") || e.contains("jackson-")
            || e.endsWith("alchemy-bench/target/classes"))
        .collect(Collectors.joining(File.pathSeparator));
    ProcessBuilder probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-cp", classpath, ColdStartProbe.class.getName(),
        project.toString()).inheritIO();
    if (probe.start().waitFor() != 0) {
      System.out.println("ColdStartProbe failed");
    }
    System.out.printf("%nmachine: %s%nproject, logs and recordings kept in %s%n",
        Measure.machineLoad(), work);
  }

  private static void profile(WholeProcessBenchmark bench, Path project, String goal)
      throws IOException, InterruptedException {
    String id = goal.replaceAll("[^a-z0-9]+", "-");
    List<String> args = List.of(goal.contains(":") || goal.equals("validate") ? goal
        : "alchemy:" + goal);
    Path logs = project.resolve("profile");
    Files.createDirectories(logs);
    // Warms the page cache, so the profiled run reads jars as every later run does.
    bench.maven(project, args, "", logs.resolve(id + ".warm.log"), null);
    redeployAfterDestroy(bench, project, goal);
    Path out = logs.resolve(id + ".log");
    Path jfr = logs.resolve(id + ".jfr");
    Path classLog = logs.resolve(id + ".classes.log");
    String opts = "-XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename="
        + jfr + ",settings=profile,method-profiling=max -Xlog:class+load=info:file=" + classLog
        + ":time,uptimemillis";
    int exit = bench.maven(project, args, opts, out, null);
    redeployAfterDestroy(bench, project, goal);
    MavenRunLog log = MavenRunLog.read(out);
    if (exit != 0) {
      System.out.printf("%n%s failed (exit %d): %s%n", goal, exit, log.failure());
      return;
    }
    List<MavenRunLog.JvmLine> classes = MavenRunLog.readJvmLog(classLog);
    List<Sample> samples = new ArrayList<>();
    Map<String, Double> jvm = new LinkedHashMap<>();
    readRecording(jfr, samples, jvm);
    LocalTime end = classes.get(classes.size() - 1).time();
    for (Sample s : samples) {
      end = s.time().isAfter(end) ? s.time() : end;
    }
    List<Mark> marks = new ArrayList<>();
    marks.add(new Mark("JVM start", classes.get(0).jvmStart()));
    log.scanning().ifPresent(t -> marks.add(new Mark("Scanning", t)));
    log.forkStart().ifPresent(t -> marks.add(new Mark("fork >>>", t)));
    log.forkEnd().ifPresent(t -> marks.add(new Mark("fork <<<", t)));
    log.goalStart().ifPresent(t -> marks.add(new Mark("goal's start", t)));
    log.firstGoalLine().ifPresent(t -> marks.add(new Mark("1st line", t)));
    log.engineSummary().ifPresent(l -> marks.add(new Mark("summary", l.time())));
    log.buildSuccess().ifPresent(t -> marks.add(new Mark("BUILD SUCCESS", t)));
    marks.add(new Mark("exit", end));

    System.out.printf("%n=== mvn %s: %.0f ms from JVM start to the last event, %d classes loaded,"
        + " %d samples (%d of main)%n", String.join(" ", args),
        MavenRunLog.millisBetween(marks.get(0).time(), end), classes.size(), samples.size(),
        samples.stream().filter(Sample::main).count());
    System.out.printf("JIT compilation %.0f ms (summed over compiler threads), GC pauses %.0f ms,"
        + " GC CPU %.0f ms; engine %s%n", jvm.getOrDefault("jit", 0.0),
        jvm.getOrDefault("gcPauses", 0.0), jvm.getOrDefault("gcCpu", 0.0),
        log.engineMillis().isPresent() ? log.engineMillis().getAsLong() + " ms" : "-");
    for (int i = 0; i + 1 < marks.size(); i++) {
      printPhase(marks.get(i), marks.get(i + 1), classes, samples);
    }
  }

  private static void redeployAfterDestroy(WholeProcessBenchmark bench, Path project,
      String goal) throws IOException, InterruptedException {
    if (goal.endsWith("destroy")) {
      bench.maven(project, List.of("alchemy:up", "-Dalchemy.quiet"), "",
          project.resolve("profile/redeploy.log"), null);
    }
  }

  private static void printPhase(Mark from, Mark to, List<MavenRunLog.JvmLine> classes,
      List<Sample> samples) {
    List<MavenRunLog.JvmLine> loaded = classes.stream()
        .filter(c -> within(c.time(), from.time(), to.time())).toList();
    List<Sample> in = samples.stream().filter(s -> within(s.time(), from.time(), to.time()))
        .toList();
    List<Sample> main = in.stream().filter(Sample::main).toList();
    System.out.printf("%n-- %s > %s: %.0f ms, %d classes loaded, %d samples (%d of main)%n",
        from.name(), to.name(), MavenRunLog.millisBetween(from.time(), to.time()),
        loaded.size(), in.size(), main.size());
    if (!loaded.isEmpty()) {
      Map<String, Long> bySource = loaded.stream()
          .collect(Collectors.groupingBy(c -> source(c.text()), Collectors.counting()));
      System.out.println("   classes from: " + top(bySource, 8));
    }
    if (main.size() < 5) {
      return;
    }
    System.out.println("   main thread's samples in:");
    for (Component c : COMPONENTS) {
      long count = main.stream().filter(s -> c.in(s.frames())).count();
      if (count * 100 >= 3L * main.size()) {
        System.out.printf("     %-48s %4d  %3.0f%%%n", c.name(), count,
            100.0 * count / main.size());
      }
    }
    Map<String, Long> hot = new HashMap<>();
    for (Sample s : main) {
      hot.merge(nearestLibraryFrame(s.frames()), 1L, Long::sum);
    }
    System.out.println("   hottest frames (JDK frames counted to their nearest library caller):");
    hot.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(8).forEach(e -> System.out.printf("     %4d  %s%n", e.getValue(), e.getKey()));
  }

  private static boolean within(LocalTime t, LocalTime from, LocalTime to) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  private static String nearestLibraryFrame(List<String> frames) {
    for (String frame : frames) {
      for (String library : LIBRARIES) {
        if (frame.startsWith(library)) {
          return frame;
        }
      }
    }
    return frames.isEmpty() ? "(no frames)" : frames.get(0);
  }

  /**
   * Where a class came from, short: the jar's file name, {@code CDS} (the JDK's shared archive),
   * the JDK module, {@code project classes}, or how a generated class was defined.
   */
  static String source(String classLine) {
    int at = classLine.indexOf(" source: ");
    if (at < 0) {
      return "?";
    }
    String source = classLine.substring(at + " source: ".length());
    if (source.equals("shared objects file")) {
      return "CDS";
    }
    if (source.startsWith("jrt:/")) {
      return source;
    }
    if (source.endsWith("/target/classes/")) {
      return "project classes";
    }
    if (source.endsWith(".jar")) {
      return source.substring(source.lastIndexOf('/') + 1, source.length() - 4);
    }
    return source.startsWith("__") || !source.contains("/") ? "generated (" + source + ")"
        : source;
  }

  private static String top(Map<String, Long> counts, int limit) {
    List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
    String shown = sorted.stream().limit(limit).map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    long rest = sorted.stream().skip(limit).mapToLong(Map.Entry::getValue).sum();
    return rest == 0 ? shown : shown + ", other " + rest;
  }

  /** The execution samples, and the JIT's and GC's totals. */
  private static void readRecording(Path jfr, List<Sample> samples, Map<String, Double> jvm)
      throws IOException {
    ZoneId zone = ZoneId.systemDefault();
    try (RecordingFile recording = new RecordingFile(jfr)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        String type = e.getEventType().getName();
        switch (type) {
          case "jdk.ExecutionSample" -> {
            List<String> frames = new ArrayList<>();
            if (e.getStackTrace() != null) {
              for (RecordedFrame f : e.getStackTrace().getFrames()) {
                frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
              }
            }
            String thread = Optional.ofNullable(e.getThread("sampledThread"))
                .map(t -> t.getJavaName()).orElse("");
            samples.add(new Sample(e.getStartTime().atZone(zone).toLocalTime(),
                "main".equals(thread), frames));
          }
          case "jdk.CompilerStatistics" ->
              jvm.put("jit", ms(e.getDuration("totalTimeSpent")));
          case "jdk.GarbageCollection" ->
              jvm.merge("gcPauses", ms(e.getDuration("sumOfPauses")), Double::sum);
          case "jdk.GCCPUTime" ->
              jvm.merge("gcCpu", (e.getLong("userTime") + e.getLong("systemTime")) / 1e6,
                  Double::sum);
          default -> { }
        }
      }
    }
    samples.sort(Comparator.comparing(Sample::time));
  }

  private static double ms(Duration d) {
    return d.toNanos() / 1e6;
  }
}
