package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the stage (app and stage name) and where its state lives (the backend
 * and its settings), settings.xml servers, and the words for where each value came from. {@link
 * AbstractAlchemyMojo} adds what the goals that run a definition need; {@code alchemy:unlock} and
 * {@code alchemy:migrate-state} work on state alone.
 *
 * <p>Every parameter has a user property ({@code -Dalchemy.stage=prod}), which may also be set as a
 * POM or profile {@code <properties>} entry. Precedence is Maven's: an explicit {@code
 * <configuration>} element, then {@code -D}, then a {@code <properties>} entry, then the default.
 * The elements of the {@code <postgres>} and {@code <s3>} blocks follow the same order through
 * {@link UserProperties} ({@code -Dalchemy.postgres.jdbcUrl}), secrets excepted. Goals are
 * configured by {@link MaskingConfigurator}, so secret parameters stay masked in {@code -X} output.
 */
public abstract class AbstractStateMojo extends AbstractMojo {

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
   * Where the state lives: {@code filesystem} (under {@code stateDir}), {@code postgres} (see
   * {@code <postgres>}) or {@code s3} (see {@code <s3>}). Usually set per profile, e.g. {@code
   * <alchemy.backend>postgres</alchemy.backend>} in a profile for shared stages.
   */
  @Parameter(property = PropertyNames.BACKEND, defaultValue = StateBackends.FILESYSTEM)
  private String backend;

  /**
   * Where the filesystem backend keeps state: {@code <stateDir>/<app>/<stage>/state.json}. The
   * default lies under {@code target/}, so {@code mvn clean} deletes it: set a folder outside
   * {@code target/} for anything you want to keep.
   */
  @Parameter(property = PropertyNames.STATE_DIR,
      defaultValue = "${project.build.directory}/alchemy/state", required = true)
  private File stateDir;

  /**
   * The {@code postgres} backend: {@code <postgres><jdbcUrl>jdbc:postgresql://db:5432/infra
   * </jdbcUrl><serverId>infra-db</serverId></postgres>}. Elements but {@code password} may also
   * be given as properties ({@code -Dalchemy.postgres.jdbcUrl}). Elements: {@code jdbcUrl}
   * (required), {@code schema} (default {@code alchemy}), and the login: {@code serverId} (a
   * settings.xml server) or {@code username} with {@code password}.
   */
  @Parameter
  private PostgresStateConfiguration postgres;

  /**
   * The {@code s3} backend: {@code <s3><bucket>my-state</bucket><region>eu-central-1</region>
   * </s3>}. Elements but the keys may also be given as properties ({@code -Dalchemy.s3.bucket}).
   * Elements: {@code bucket} (required), {@code prefix}, {@code region}, {@code endpointOverride}
   * and {@code pathStyle} (S3-compatible stores), {@code lease} (how long a lock lasts without
   * renewal), and the login: {@code serverId} (a settings.xml server) or {@code accessKeyId}
   * with {@code secretAccessKey}; without one, the AWS SDK's default chain.
   */
  @Parameter
  private S3StateConfiguration s3;

  /**
   * How long a run waits while another run holds the stage's lock, as an ISO-8601 duration
   * ({@code PT10M}, {@code PT30S}) or in seconds ({@code 600}). The default {@code PT0S} fails at
   * once, naming the holder; a timeout lets runs of one stage (say, two CI jobs) queue and
   * proceed in turn.
   */
  @Parameter(property = PropertyNames.LOCK_TIMEOUT, defaultValue = "PT0S")
  private String lockTimeout;

  /**
   * Do nothing but log one line, e.g. to switch the goal off in one profile. A goal that loads
   * classes still brings the project's classes up to date when they are older than the sources,
   * so that modules built after this one in the same reactor find them.
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  private final SettingsDecrypter decrypter;

  /** The environment ({@code ALCHEMY_STAGE}); replaced by tests, which cannot set variables. */
  UnaryOperator<String> environment = System::getenv;

  /**
   * A goal.
   *
   * @param decrypter Maven's decrypter of settings.xml passwords, injected by the goal's
   *     constructor
   */
  protected AbstractStateMojo(SettingsDecrypter decrypter) {
    this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
  }

  /** The goal's name, e.g. {@code up}, for messages. */
  protected abstract String goal();

  /** What a skipped goal still does: nothing, unless a goal says otherwise. */
  void whenSkipped() throws MojoExecutionException, MojoFailureException {}

  /** Does the goal's work; called unless {@code skip} is set. */
  protected abstract void executeGoal() throws MojoExecutionException, MojoFailureException;

  /** Logs one line when {@code skip} is set, else runs the goal. */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      whenSkipped();
      getLog().info("Skipping alchemy:" + goal() + " because " + PropertyNames.SKIP + " is set.");
      return;
    }
    UnknownProperties.warnings(session.getUserProperties(), project.getProperties())
        .forEach(getLog()::warn);
    executeGoal();
  }

  /**
   * The goal's settings, with the filesystem backend's note until a backend is opened.
   *
   * @param definition the definition class name, or {@code null}
   * @param definitionOrigin where it came from
   * @param passwordOrigin where the app password comes from, or {@code null}
   * @param eventsFile the events file, absolute, or {@code null}
   */
  GoalSettings settings(String definition, String definitionOrigin, String passwordOrigin,
      Path eventsFile) throws MojoFailureException {
    rejectBlank("stage", PropertyNames.STAGE, stage, null, "prod", Alchemy.STAGE_ENV
        + " if set, else " + Alchemy.DEFAULT_STAGE);
    String stageName = stage;
    String stageOrigin = origin(PropertyNames.STAGE, "stage", stage);
    if (stageName == null) {
      String env = environment.apply(Alchemy.STAGE_ENV);
      if (env != null && env.isBlank()) {
        throw blank("stage", new BlankSource("the " + Alchemy.STAGE_ENV + " environment variable",
            "unset " + Alchemy.STAGE_ENV), env, "-D" + PropertyNames.STAGE + "=prod (or "
            + Alchemy.STAGE_ENV + "=prod)", Alchemy.DEFAULT_STAGE);
      }
      stageName = env == null ? Alchemy.DEFAULT_STAGE : env.trim();
      stageOrigin = env == null
          ? "the default (" + Alchemy.DEFAULT_STAGE + ")"
          : "the " + Alchemy.STAGE_ENV + " environment variable";
    }
    rejectBlank("app", PropertyNames.APP, app, project.getArtifactId(), "my-app",
        "the project's artifactId (" + project.getArtifactId() + ")");
    String appOrigin = origin(PropertyNames.APP, "app", app);
    if (appOrigin.startsWith("<") && app.equals(project.getArtifactId())) {
      appOrigin = "the default (the project's artifactId)";
    }
    Path state = resolve(stateDir);
    return new GoalSettings(goal(), app, appOrigin, stageName, stageOrigin, state, definition,
        definitionOrigin, baseDir(), passwordOrigin, eventsFile,
        GoalSettings.fileSystemNote(state), null, null);
  }

  /**
   * Where a blank app or stage came from, and how to remove it there.
   *
   * @param origin e.g. {@code -Dalchemy.stage on the command line}
   * @param removal e.g. {@code remove -Dalchemy.stage}
   */
  private record BlankSource(String origin, String removal) {}

  /**
   * Fails when the app or stage is blank. Maven hands a parameter an empty {@code -D} value as
   * {@code null} (or as its default), which looks like an absent one, so the properties
   * themselves are checked too: a blank name taken as the default turned {@code alchemy:destroy
   * -Dalchemy.stage=$UNSET} into a destroy of {@code dev}.
   *
   * @param what {@code stage} or {@code app}
   * @param property its property
   * @param value the parameter's value
   * @param defaultValue the parameter's default, which the value equals when Maven fell back to
   *     it, or {@code null}
   * @param example a valid name for the fix
   * @param defaultDescription what an absent one means, for the message
   */
  private void rejectBlank(String what, String property, String value, String defaultValue,
      String example, String defaultDescription) throws MojoFailureException {
    if (value != null && !value.isBlank() && !value.equals(defaultValue)) {
      return; // a configuration element, or a property Maven passed as it is
    }
    BlankSource source = null;
    String blankValue = null;
    String[][] properties = {
        {session.getUserProperties().getProperty(property), "-D" + property
            + " on the command line", "remove -D" + property},
        {System.getProperty(property), "the " + property + " system property (MAVEN_OPTS?)",
            "remove -D" + property + " from MAVEN_OPTS"},
        {project.getProperties().getProperty(property), "the <" + property + "> property of the"
            + " POM or an active profile", "remove <" + property + ">"}};
    for (String[] candidate : properties) {
      if (candidate[0] != null) {
        // The first one set is the one Maven used; a blank one hides the others.
        if (candidate[0].isBlank()) {
          source = new BlankSource(candidate[1], candidate[2]);
          blankValue = candidate[0];
        }
        break;
      }
    }
    if (source == null && value != null && value.isBlank()) {
      source = new BlankSource("<" + what + "> in the alchemy-maven-plugin configuration",
          "remove <" + what + ">");
      blankValue = value;
    }
    if (source != null) {
      throw blank(what, source, blankValue, "-D" + property + "=" + example + " or <" + what
          + ">" + example + "</" + what + ">", defaultDescription);
    }
  }

  private static MojoFailureException blank(String what, BlankSource source, String value,
      String fix, String defaultDescription) {
    return new MojoFailureException("The " + what + " is blank: " + source.origin()
        + " sets it to '" + value + "'. A blank " + what + " is not taken as the default ("
        + defaultDescription + "): alchemy:destroy"
        + " would then delete " + ("stage".equals(what) ? "a stage" : "the stage of an app")
        + " nobody named. Name the " + what + ", e.g. " + fix + ", or "
        + source.removal() + " to use the default. Nothing was run or written.");
  }

  /**
   * Fails when a file parameter's property is set but blank. Maven hands such a parameter over as
   * none (or as the project folder), which would silently change what the goal does: a blank
   * {@code -Dalchemy.plan=$PLAN} would deploy without the approved plan.
   *
   * @param what e.g. {@code approved plan}, for the message
   * @param property the parameter's property
   * @param value the parameter's value as Maven set it, or {@code null}
   * @param example a good value, e.g. {@code target/alchemy/plan.json}
   * @param consequence what a blank one taken as none would do, a sentence fragment
   * @param withoutIt what the goal does without the parameter, a sentence fragment
   */
  void rejectBlankFile(String what, String property, File value, String example,
      String consequence, String withoutIt) throws MojoFailureException {
    if (value != null && !resolve(value).equals(baseDir())) {
      return; // a configuration element, or a property Maven passed as it is
    }
    UserProperties.Value given = property(property);
    if (given != null && given.text().isBlank()) {
      throw new MojoFailureException("The " + what + " is blank: " + given.origin() + " sets "
          + property + " to '" + given.text() + "'. A blank " + what + " is not taken as none: "
          + consequence + ". Name the file, e.g. -D" + property + "=" + example + ", or remove "
          + property + " " + withoutIt + ". Nothing was run or written.");
    }
  }

  /**
   * Rejects an invalid app or stage name, as the engine would, before anything is read or run.
   *
   * @throws io.alchemy.core.InvalidNameException for {@link FailureTranslator} to word
   */
  static void checkNames(GoalSettings settings) {
    Alchemy.builder().hints(MavenHints.INSTANCE).app(settings.app()).stage(settings.stage())
        .build();
  }

  /** The project folder, absolute. */
  Path baseDir() {
    return project.getBasedir().toPath().toAbsolutePath().normalize();
  }

  /** {@code file} against the project folder. */
  Path resolve(File file) {
    // Maven already aligns a relative File parameter to the project folder; resolving again keeps
    // that true when the mojo is configured some other way (a test harness, a future Maven).
    return baseDir().resolve(file.toPath()).normalize();
  }

  /** The settings.xml servers, decrypted when asked for. */
  SettingsServers servers() {
    return new SettingsServers(session.getSettings(), decrypter, settingsFiles());
  }

  /** The backends as configured by {@code <postgres>}, {@code <s3>} and their properties. */
  StateBackends backends(SettingsServers servers) {
    return new StateBackends(postgres, s3, this::property, servers);
  }

  /**
   * The configured backend.
   *
   * @throws ConfigurationProblem when {@code backend} names none, or its settings are missing or
   *     invalid
   */
  StateBackend backend(GoalSettings settings, SettingsServers servers)
      throws ConfigurationProblem {
    String name = backendName();
    if (runsLocally() && !StateBackends.FILESYSTEM.equals(name)) {
      // Local resources live on this machine: their state must not be shared through a team's
      // backend, where another developer's local run would take them for its own.
      getLog().info("local mode: state stays on this machine, in " + settings.stateDir()
          + "; the " + name + " backend (from " + backendOrigin() + ") holds the deployed stages");
      name = StateBackends.FILESYSTEM;
    }
    if (StateBackends.FILESYSTEM.equals(name)) {
      checkStateDir(settings.stateDir());
    }
    return backends(servers).open(name, settings.stateDir(), "-D" + PropertyNames.STATE_DIR
        + " or <stateDir>", "The " + name + " state backend (from " + backendOrigin() + ")");
  }

  /**
   * Fails when the state folder cannot be a folder because it, or a folder above it, is a file:
   * the store would only say "Not a directory" when it first locks the stage.
   */
  private void checkStateDir(Path folder) throws ConfigurationProblem {
    for (Path path = folder; path != null; path = path.getParent()) {
      if (Files.exists(path)) {
        if (!Files.isDirectory(path)) {
          throw new ConfigurationProblem(new ConfigurationProblem.Invalid("<stateDir>",
              stateDirOrigin(), "The state folder " + folder + " cannot be used: "
                  + (path.equals(folder) ? "it is a file" : path + " is a file")
                  + ", not a folder. Set stateDir to a folder, e.g. -D" + PropertyNames.STATE_DIR
                  + "=target/alchemy/state (the default) or <stateDir> in the"
                  + " alchemy-maven-plugin configuration, or move the file away."));
        }
        return;
      }
    }
  }

  /** Where {@code stateDir} came from; Maven hands it over as a path resolved against basedir. */
  private String stateDirOrigin() {
    String origin = fileOrigin(PropertyNames.STATE_DIR, "stateDir", stateDir);
    return origin.startsWith("<") ? origin + ", or its default" : origin;
  }

  /**
   * Where a file parameter's value came from. Maven hands a file over resolved against the
   * project folder, so the properties are compared as paths, not as text.
   *
   * @param property its property, e.g. {@code alchemy.planFile}
   * @param element its element, e.g. {@code planFile}
   * @param value the parameter's value
   */
  String fileOrigin(String property, String element, File value) {
    Path path = resolve(value);
    String[][] candidates = {
        {session.getUserProperties().getProperty(property),
            "-D" + property + " on the command line"},
        {System.getProperty(property), "the " + property + " system property (MAVEN_OPTS?)"},
        {project.getProperties().getProperty(property),
            "the <" + property + "> property of the POM or an active profile"}};
    for (String[] candidate : candidates) {
      if (candidate[0] != null && resolve(new File(candidate[0])).equals(path)) {
        return candidate[1];
      }
    }
    return "<" + element + "> in the alchemy-maven-plugin configuration";
  }

  /** Whether the goal runs in local mode, whose state is always kept on the local disk. */
  protected boolean runsLocally() {
    return false;
  }

  /** {@code backend}, checked. */
  String backendName() throws ConfigurationProblem {
    return StateBackends.name(backend, "The state backend", backendOrigin(), "-D"
        + PropertyNames.BACKEND + "=postgres or <backend> in the alchemy-maven-plugin"
        + " configuration");
  }

  private String backendOrigin() {
    String origin = origin(PropertyNames.BACKEND, "backend", backend);
    return StateBackends.FILESYSTEM.equals(backend) && origin.startsWith("<")
        ? "the default" : origin;
  }

  /**
   * The lock timeout.
   *
   * @throws MojoFailureException when it is neither a duration nor seconds, or negative
   */
  Duration lockTimeout() throws MojoFailureException {
    Duration timeout = Durations.parse(lockTimeout);
    if (timeout == null || timeout.isNegative()) {
      throw new MojoFailureException("The lock timeout '" + lockTimeout + "' (from "
          + origin(PropertyNames.LOCK_TIMEOUT, "lockTimeout", lockTimeout) + ") is neither an"
          + " ISO-8601 duration nor a number of seconds, of zero or more. Use e.g. -D"
          + PropertyNames.LOCK_TIMEOUT + "=PT10M (ten minutes), 600 (seconds), or 0 to fail at"
          + " once.");
    }
    return timeout;
  }

  /**
   * A property as Maven looks it up for a parameter: {@code -D}, then a system property, then the
   * POM's; for the blocks, and for a blank value Maven hands a parameter as none.
   *
   * @return the value and where it came from, or {@code null} when it is not set
   */
  UserProperties.Value property(String name) {
    String value = session.getUserProperties().getProperty(name);
    if (value != null) {
      return new UserProperties.Value(value, "-D" + name + " on the command line");
    }
    value = System.getProperty(name);
    if (value != null) {
      return new UserProperties.Value(value, "the " + name + " system property (MAVEN_OPTS?)");
    }
    value = project.getProperties().getProperty(name);
    if (value != null) {
      return new UserProperties.Value(value, "the <" + name + "> property of the POM or an"
          + " active profile");
    }
    return null;
  }

  /** The {@code -D} property {@code name} of this Maven run, or {@code null}. */
  String commandLine(String name) {
    return session.getUserProperties().getProperty(name);
  }

  /**
   * Where a parameter's value came from, in the words a user would look for it. Compares values
   * because an explicit {@code <configuration>} element wins over every property in Maven.
   */
  String origin(String property, String element, String value) {
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

  /** The settings files Maven read, for messages about a missing server. */
  private String settingsFiles() {
    MavenExecutionRequest request = session.getRequest();
    String files = request == null ? "" : Stream.of(request.getUserSettingsFile(),
            request.getGlobalSettingsFile())
        .filter(Objects::nonNull).map(File::getPath).collect(Collectors.joining(", "));
    return files.isEmpty() ? "none" : files;
  }

  /** The project. */
  MavenProject project() {
    return project;
  }

  /** The Maven session. */
  MavenSession session() {
    return session;
  }

  /** The plugin's descriptor. */
  PluginDescriptor plugin() {
    return plugin;
  }

  /** Logs where the backend's credentials came from, never a value. */
  void logLogin(StateBackend backend) {
    if (backend.login() != null) {
      getLog().info("state: " + backend.name() + " " + backend.login());
    }
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** Closes the backend's client, if any, without failing the goal over it. */
  static void closeQuietly(StateBackend backend) {
    if (backend != null) {
      try {
        backend.close();
      } catch (Exception ignored) {
        // nothing the user could do about it
      }
    }
  }
}
