package io.alchemy.bench;

import com.sun.management.OperatingSystemMXBean;
import io.alchemy.core.Alchemy;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.definition.LoadedDefinition;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateJson;
import java.io.File;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pieces of a no-op {@code alchemy:up} in a fresh JVM, one after another as the plugin
 * meets them, each timed the first time (cold: its classes loaded, linked and run in the
 * interpreter, as in every Maven run) and again where a second time says what is left once warm:
 * Jackson's set-up (the state's mapper), opening the filesystem state of a deployed W1 project,
 * the definition's class loader, and the engine's no-op run. Run in its own JVM by {@link
 * StartupProfile}; the argument is the W1 project's folder, deployed.
 *
 * <p>Per step: wall time, CPU time of this thread, CPU time of the whole JVM (the JIT compiler
 * threads and GC included), and classes loaded.
 */
public final class ColdStartProbe {

  private ColdStartProbe() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private interface Step<T> {
    T run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[0]).toAbsolutePath();
    Path stateDir = project.resolve("target/alchemy/state");
    System.out.printf("%nCold start of the pieces of a no-op up, in a fresh JVM (%s), in the"
        + " order the plugin meets them%n%n", project.getFileName());
    System.out.printf("%-44s | %8s | %10s | %10s | %7s%n", "step", "wall ms", "thread CPU",
        "JVM CPU", "classes");
    System.out.println("-".repeat(45) + "+----------+------------+------------+--------");
    step("Jackson set-up (StateJson.mapper())", StateJson::mapper);
    FileSystemStateStore store = new FileSystemStateStore(stateDir);
    int records = 0;
    for (String when : List.of("cold", "again", "a third time")) {
      records = step("open the state READ, " + when, () -> {
        try (StageState state = store.open("w1", "dev", AccessMode.READ, Duration.ZERO)) {
          return state.resources().size();
        }
      });
    }
    LoadedDefinition loaded = step("definition class loader, discover, load",
        () -> DefinitionLoader.forClasspath(definitionClasspath(project)).load(null));
    Alchemy.Builder builder = Alchemy.builder().app("w1").stage("dev").baseDir(project)
        .stateDir(stateDir).quiet(true);
    for (String when : List.of("cold", "again", "a third time")) {
      RunResult result = step("engine no-op up (quiet), " + when, () -> {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loaded.classLoader());
        try {
          return builder.build().run(loaded.definition());
        } finally {
          thread.setContextClassLoader(previous);
        }
      });
      if (result.created() + result.updated() + result.deleted() != 0) {
        throw new IllegalStateException("not a no-op: " + result.summary());
      }
    }
    loaded.close();
    System.out.printf("%n(the state holds %d resource records; the engine's runs open it too)%n",
        records);
  }

  private static <T> T step(String name, Step<T> step) throws Exception {
    long classes = CLASSES.getTotalLoadedClassCount();
    long jvmCpu = OS.getProcessCpuTime();
    long threadCpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    T result = step.run();
    double wall = (System.nanoTime() - start) / 1e6;
    System.out.printf("%-44s | %8.0f | %10.0f | %10.0f | %7d%n", name, wall,
        (THREADS.getCurrentThreadCpuTime() - threadCpu) / 1e6,
        (OS.getProcessCpuTime() - jvmCpu) / 1e6,
        CLASSES.getTotalLoadedClassCount() - classes);
    return result;
  }

  /**
   * The project's runtime classpath as the plugin hands it over: its classes, then alchemy-core
   * and Jackson, here taken from this JVM's own classpath.
   */
  private static List<Path> definitionClasspath(Path project) {
    List<Path> classpath = new ArrayList<>();
    classpath.add(project.resolve("target/classes"));
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("alchemy-core") || e.contains("jackson-"))
        .map(Path::of)
        .forEach(classpath::add);
    return classpath;
  }
}
