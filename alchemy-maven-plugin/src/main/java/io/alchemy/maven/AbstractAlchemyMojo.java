package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.definition.LoadedDefinition;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.StateStore;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the parameters, and one {@link #execute()} that reads them, loads the
 * project's {@code InfrastructureDefinition} from its runtime classpath and hands everything to
 * {@link Alchemy}. A goal only says which {@link Phase} it runs and what it prints afterwards.
 *
 * <p>Every parameter has a user property ({@code -Dalchemy.stage=prod}), which may also be set as a
 * POM or profile {@code <properties>} entry. Precedence is Maven's: an explicit {@code
 * <configuration>} element, then {@code -D}, then a {@code <properties>} entry, then the default.
 */
public abstract class AbstractAlchemyMojo extends AbstractMojo {

  /** The app name: the root scope, the first part of every FQN and of the state's path. */
  @Parameter(property = PropertyNames.APP, defaultValue = "${project.artifactId}", required = true)
  private String app;

  /**
   * The stage, e.g. {@code dev} or {@code prod}: stages are fully isolated from each other.
   * Default: the {@code ALCHEMY_STAGE} environment variable, else {@code dev}.
   */
  @Parameter(property = PropertyNames.STAGE)
  private String stage;

  /**
   * Where the filesystem backend keeps state: {@code <stateDir>/<app>/<stage>/state.json}. The
   * default lies under {@code target/}, so {@code mvn clean} deletes it: set a folder outside
   * {@code target/} for anything you want to keep.
   */
  @Parameter(property = PropertyNames.STATE_DIR,
      defaultValue = "${project.build.directory}/alchemy/state", required = true)
  private File stateDir;

  /**
   * Fully qualified name of the class implementing {@code io.alchemy.core.InfrastructureDefinition}.
   * Default: the one class registered in {@code
   * META-INF/services/io.alchemy.core.InfrastructureDefinition} on the project's classpath.
   */
  @Parameter(property = PropertyNames.DEFINITION)
  private String definition;

  /**
   * How long a run waits while another run holds the stage's lock, as an ISO-8601 duration
   * ({@code PT10M}, {@code PT30S}). The default {@code PT0S} fails at once, naming the holder; a
   * timeout lets runs of one stage (say, two CI jobs) queue and proceed in turn.
   */
  @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "PT0S")
  private String lockTimeout;

  /** Local mode, seen by the definition as {@code scope.local()}: use local alternatives. */
  @Parameter(property = PropertyNames.LOCAL, defaultValue = "false")
  private boolean local;

  /**
   * Watch mode, seen by the definition as {@code scope.watch()}. The goal itself runs once; the
   * flag is for definitions and providers that behave differently while a developer iterates.
   */
  @Parameter(property = PropertyNames.WATCH, defaultValue = "false")
  private boolean watch;

  /** No per-resource lines; warnings, errors and the summary line are still logged. */
  @Parameter(property = PropertyNames.QUIET, defaultValue = "false")
  private boolean quiet;

  /** Adopt resources that already exist but are not in state, instead of failing on them. */
  @Parameter(property = PropertyNames.ADOPT, defaultValue = "false")
  private boolean adopt;

  /** Update every resource even when its props did not change. */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  private boolean force;

  /** Do nothing but log one line, e.g. to switch the goal off in one profile. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  /** The goal's name, e.g. {@code up}, for messages. */
  protected abstract String goal();

  /** The phase the goal runs the definition in. */
  protected abstract Phase phase();

  /**
   * Called after a run that succeeded, e.g. to print more than the summary.
   *
   * @param result what the run did
   * @param store the state it ran against, to read from (never to write)
   */
  protected void afterRun(RunResult result, StateStore store) {}

  /** Runs the definition in {@link #phase()}; see the class comment. */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping alchemy:" + goal() + " because " + PropertyNames.SKIP + " is set.");
      return;
    }
    if ("pom".equals(project.getPackaging()) && isBlank(definition)) {
      // An aggregator or parent has no classes: running the goal from the root of a
      // multi-module build must reach the module that holds the definition, not fail here.
      getLog().info("Skipping alchemy:" + goal() + " in " + project.getArtifactId()
          + ": a pom-packaged project has no classes to hold a definition (set "
          + PropertyNames.DEFINITION + " to run one from its dependencies).");
      return;
    }
    GoalSettings settings = settings();
    Duration timeout = lockTimeout();
    FailureTranslator failures = new FailureTranslator(settings);
    FileSystemStateStore store = new FileSystemStateStore(settings.stateDir());
    try {
      Alchemy.Builder builder = builder(settings, store).lockTimeout(timeout);
      // Validates the app and stage names before any user code is loaded or run.
      builder.build();
      warnOnCoreVersionMismatch();
      try (LoadedDefinition loaded = DefinitionLoader.forClasspath(runtimeClasspath())
          .namingHint(AbstractAlchemyMojo::howToNameDefinition)
          .load(settings.definition())) {
        Alchemy alchemy = builder.classLoader(loaded.classLoader()).build();
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + " with "
            + loaded.className() + " (" + loaded.origin() + "); state in "
            + store.stageDir(settings.app(), settings.stage()) + stateDirNote(settings));
        RunResult result = runWithContextLoader(alchemy, loaded);
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + ": " + result.summary()
            + " in " + result.duration().toMillis() + " ms");
        afterRun(result, store);
      }
    } catch (DeploymentFailedException e) {
      if (e.result() != null) {
        // What was done before the failure is in state; saying it helps judge the next run.
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + " before it failed: "
            + e.result().summary());
      }
      throw failures.translate(e);
    } catch (RuntimeException | DependencyResolutionRequiredException e) {
      throw failures.translate(e);
    }
  }

  private Alchemy.Builder builder(GoalSettings settings, StateStore store) {
    return Alchemy.builder()
        .app(settings.app())
        .stage(settings.stage())
        .phase(phase())
        .stateStore(store)
        .baseDir(settings.baseDir())
        .local(local)
        .watch(watch)
        .quiet(quiet)
        .adopt(adopt)
        .force(force)
        .listener(new MavenLogListener(getLog()));
  }

  private static RunResult runWithContextLoader(Alchemy alchemy, LoadedDefinition loaded) {
    // Libraries in the user's code (Jackson modules, JDBC drivers, SDK clients) look things up
    // through the context class loader; inside Maven it would be the plugin's realm.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loaded.classLoader());
    try {
      return alchemy.run(loaded.definition());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private Duration lockTimeout() throws MojoFailureException {
    Duration timeout;
    try {
      timeout = Duration.parse(lockTimeout.trim());
    } catch (DateTimeParseException e) {
      timeout = null;
    }
    if (timeout == null || timeout.isNegative()) {
      throw new MojoFailureException("The lock timeout '" + lockTimeout + "' (from "
          + origin(PropertyNames.LOCK_TIMEOUT, "lockTimeout", lockTimeout) + ") is not an"
          + " ISO-8601 duration of zero or more. Use e.g. -D" + PropertyNames.LOCK_TIMEOUT + "=PT10M"
          + " (ten minutes), PT30S, or PT0S to fail at once.");
    }
    return timeout;
  }

  private GoalSettings settings() {
    String stageName = stage;
    String stageOrigin = origin(PropertyNames.STAGE, "stage", stage);
    if (isBlank(stageName)) {
      stageName = Alchemy.defaultStage();
      stageOrigin = isBlank(System.getenv(Alchemy.STAGE_ENV))
          ? "the default (" + Alchemy.DEFAULT_STAGE + ")"
          : "the " + Alchemy.STAGE_ENV + " environment variable";
    }
    String appOrigin = origin(PropertyNames.APP, "app", app);
    if (appOrigin.startsWith("<") && app.equals(project.getArtifactId())) {
      appOrigin = "the default (the project's artifactId)";
    }
    Path baseDir = project.getBasedir().toPath().toAbsolutePath().normalize();
    // Maven already aligns a relative File parameter to the project folder; resolving again keeps
    // that true when the mojo is configured some other way (a test harness, a future Maven).
    Path state = baseDir.resolve(stateDir.toPath()).normalize();
    String definitionName = isBlank(definition) ? null : definition.trim();
    return new GoalSettings(goal(), app, appOrigin, stageName, stageOrigin, state,
        definitionName, origin(PropertyNames.DEFINITION, "definition", definition), baseDir);
  }

  /**
   * Where a parameter's value came from, in the words a user would look for it. Compares values
   * because an explicit {@code <configuration>} element wins over every property in Maven.
   */
  private String origin(String property, String element, String value) {
    if (value != null && value.equals(session.getUserProperties().getProperty(property))) {
      return "-D" + property + " on the command line";
    }
    if (value != null && value.equals(System.getProperty(property))) {
      return "the " + property + " system property (MAVEN_OPTS?)";
    }
    if (value != null && value.equals(project.getProperties().getProperty(property))) {
      return "the <" + property + "> property of the POM or an active profile";
    }
    return "<" + element + "> in the alchemy-maven-plugin configuration";
  }

  private List<Path> runtimeClasspath() throws DependencyResolutionRequiredException {
    return project.getRuntimeClasspathElements().stream().map(Path::of).toList();
  }

  private String stateDirNote(GoalSettings settings) {
    Path buildDir = Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
    return settings.stateDir().startsWith(buildDir) && phase() == Phase.UP
        ? " (under " + buildDir.getFileName() + "/: mvn clean deletes it; set "
            + PropertyNames.STATE_DIR + " elsewhere to keep it)"
        : "";
  }

  /** The plugin runs its own alchemy-core; a different one in the project may not link. */
  private void warnOnCoreVersionMismatch() {
    for (Artifact artifact : project.getArtifacts()) {
      if ("io.alchemy".equals(artifact.getGroupId())
          && "alchemy-core".equals(artifact.getArtifactId())
          && !artifact.getBaseVersion().equals(plugin.getVersion())) {
        getLog().warn("The project depends on alchemy-core " + artifact.getBaseVersion()
            + " but alchemy-maven-plugin " + plugin.getVersion() + " runs its own alchemy-core "
            + plugin.getVersion() + ". Use the same version for both to avoid linkage errors.");
      }
    }
  }

  private static String howToNameDefinition(String className) {
    return "-D" + PropertyNames.DEFINITION + "=" + className + ", or <definition>" + className
        + "</definition> in the alchemy-maven-plugin <configuration>";
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
