package io.alchemy.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Provider;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.BuildPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * The project's compiled classes and copied resources, which a goal loads the definition from.
 * When they are older than what they are built from (or missing, on a fresh checkout), the
 * project's own build runs up to {@code process-classes} in this Maven session, with the plugins
 * and configuration the POM gives it; when they are up to date, nothing runs.
 *
 * <p>This replaces a forked lifecycle ({@code @Execute(phase = PROCESS_CLASSES)}), which set up
 * the resources and compiler plugins and asked the compiler on every run, compiled or not: about
 * half a second of every no-op run. Deciding takes a walk over the sources' timestamps.
 */
final class ProjectClasses {

  // Touched after a build run here: copying a changed resource may keep its old timestamp, and
  // the compiler writes nothing when no source changed, so the output alone cannot say it is new.
  private static final String STAMP = "maven-status/alchemy-maven-plugin/classes.stamp";
  private static final String PHASE = "process-classes";

  private final Provider<LifecycleExecutor> lifecycle;
  private final Provider<BuildPluginManager> plugins;

  /** Looked up when a build has to run: most runs need neither. */
  @Inject
  ProjectClasses(Provider<LifecycleExecutor> lifecycle, Provider<BuildPluginManager> plugins) {
    this.lifecycle = lifecycle;
    this.plugins = plugins;
  }

  /**
   * Runs the project's build up to {@code process-classes} when its classes are not up to date.
   *
   * @param session the Maven session, whose current project is the one to bring up to date
   * @param log where to say why a build runs
   * @param goal the goal asking, e.g. {@code up}, for the log line
   * @throws MojoExecutionException when the build cannot be planned or run
   * @throws MojoFailureException when the build fails (a compile error)
   */
  void update(MavenSession session, Log log, String goal)
      throws MojoExecutionException, MojoFailureException {
    MavenProject project = session.getCurrentProject();
    if ("pom".equals(project.getPackaging())) {
      return; // nothing to compile
    }
    Path buildDir = Path.of(project.getBuild().getDirectory());
    Optional<String> stale = staleness(inputs(project), Path.of(
        project.getBuild().getOutputDirectory()), buildDir.resolve(STAMP),
        project.getBasedir().toPath());
    if (stale.isEmpty()) {
      log.debug("alchemy:" + goal + ": the classes in " + project.getBuild().getOutputDirectory()
          + " are up to date");
      return;
    }
    log.info("alchemy:" + goal + ": " + stale.get() + "; building " + project.getArtifactId()
        + " up to " + PHASE + " first");
    List<MojoExecution> executions;
    try {
      executions = lifecycle.get().calculateExecutionPlan(session, PHASE).getMojoExecutions();
    } catch (Exception e) {
      throw new MojoExecutionException("Could not plan the build of " + project.getArtifactId()
          + " up to " + PHASE + ": " + e.getMessage() + ". Run mvn " + PHASE + " to see why.", e);
    }
    for (MojoExecution execution : executions) {
      if ("io.alchemy".equals(execution.getGroupId())
          && "alchemy-maven-plugin".equals(execution.getArtifactId())) {
        continue; // a goal of ours bound that early would run itself again
      }
      log.info("--- " + execution.getArtifactId() + ":" + execution.getVersion() + ":"
          + execution.getGoal() + " (" + execution.getExecutionId() + ") @ "
          + project.getArtifactId() + " ---");
      try {
        if (!execution.getForkedExecutions().isEmpty()) {
          lifecycle.get().executeForkedExecutions(execution, session);
        }
        plugins.get().executeMojo(session, execution);
      } catch (MojoFailureException | MojoExecutionException e) {
        throw e;
      } catch (Exception e) {
        throw new MojoExecutionException(execution.getArtifactId() + ":" + execution.getGoal()
            + " failed: " + e.getMessage(), e);
      }
      // Tells the reactor that this project's classes are this session's output, so modules
      // built after it resolve it to its output folder (as after mvn compile).
      if (execution.getLifecyclePhase() != null) {
        project.addLifecyclePhase(execution.getLifecyclePhase());
      }
    }
    touch(buildDir.resolve(STAMP));
  }

  /** What the classes are built from: the sources, the resources and the POM. */
  private static List<Path> inputs(MavenProject project) {
    Path buildDir = Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
    List<Path> inputs = new ArrayList<>();
    for (String root : project.getCompileSourceRoots()) {
      Path path = Path.of(root).toAbsolutePath().normalize();
      if (!path.startsWith(buildDir)) {
        inputs.add(path); // generated sources are outputs of the build, not inputs
      }
    }
    project.getResources().forEach(r -> inputs.add(Path.of(r.getDirectory())));
    if (project.getFile() != null) {
      inputs.add(project.getFile().toPath());
    }
    return inputs;
  }

  /**
   * Why the classes are not up to date, or empty when they are: the output folder is missing or
   * empty, or a file or folder of the inputs changed after the newest output (a folder's time
   * changes when a file in it is deleted or renamed) and after the last build run here.
   *
   * @param inputs source roots, resource folders and the POM; missing ones are skipped
   * @param output the output folder, e.g. {@code target/classes}
   * @param stamp the file touched after the last build this class ran
   * @param base the project folder, which the reasons name paths relative to
   */
  static Optional<String> staleness(List<Path> inputs, Path output, Path stamp, Path base) {
    FileTime built = Files.isDirectory(output) ? newest(output) : null;
    if (built == null) {
      // A project without sources or resources (its definition comes from a dependency) has
      // nothing to build, and its build makes no output folder either.
      boolean anything = inputs.stream().filter(Files::isDirectory).anyMatch(root -> newest(root)
          != null);
      return anything ? Optional.of(shown(base, output) + " is missing or empty")
          : Optional.empty();
    }
    FileTime stamped = Files.isRegularFile(stamp) ? newest(stamp) : null;
    if (stamped != null && stamped.compareTo(built) > 0) {
      built = stamped;
    }
    Newer newer = new Newer(built);
    for (Path input : inputs) {
      if (Files.exists(input)) {
        try {
          Files.walkFileTree(input, newer);
        } catch (IOException e) {
          return Optional.of(shown(base, input) + " could not be read (" + e.getMessage() + ")");
        }
        if (newer.found != null) {
          return Optional.of(shown(base, newer.found) + " changed after the last build");
        }
      }
    }
    return Optional.empty();
  }

  private static String shown(Path base, Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path folder = base.toAbsolutePath().normalize();
    return absolute.startsWith(folder) ? folder.relativize(absolute).toString() : absolute.toString();
  }

  /** The newest time of a file under {@code root} (or of {@code root}, a file), or {@code null}. */
  private static FileTime newest(Path root) {
    FileTime[] newest = {null};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (newest[0] == null || attributes.lastModifiedTime().compareTo(newest[0]) > 0) {
            newest[0] = attributes.lastModifiedTime();
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return newest[0];
  }

  /** Stops at the first file or folder newer than a time. */
  private static final class Newer extends SimpleFileVisitor<Path> {
    private final FileTime than;
    private Path found;

    Newer(FileTime than) {
      this.than = than;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      return check(dir, attributes);
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      return check(file, attributes);
    }

    private FileVisitResult check(Path path, BasicFileAttributes attributes) {
      if (attributes.lastModifiedTime().compareTo(than) > 0) {
        found = path;
        return FileVisitResult.TERMINATE;
      }
      return FileVisitResult.CONTINUE;
    }
  }

  private static void touch(Path stamp) throws MojoExecutionException {
    try {
      Files.createDirectories(stamp.getParent());
      Files.writeString(stamp, ""); // writing sets its time, also when it exists
    } catch (IOException e) {
      throw new MojoExecutionException("Could not write " + stamp + ": " + e.getMessage(), e);
    }
  }
}
