package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.Phase;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.engine.RunSettings;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.watch.WatchLoop;
import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.Profile;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Reads one goal's parameters as Maven set them, together with where each value came from ({@code
 * -D}, a system property, a POM or profile property, the plugin's {@code <configuration>}, a
 * default), so that an error can point at the exact place to change. It checks them (blank
 * names, bad durations and counts), turns them into the goal's {@link GoalSettings}, opens the
 * configured state backend with settings.xml servers, and knows the project's folders and
 * classpaths. The only place that looks at the session's and the project's properties; the goals
 * hand it the raw values of their own parameters.
 *
 * <p>Precedence is Maven's: an explicit {@code <configuration>} element, then {@code -D}, then a
 * {@code <properties>} entry, then the default. The elements of the {@code <postgres>} and {@code
 * <s3>} blocks follow the same order through {@link UserProperties} ({@code
 * -Dalchemy.postgres.jdbcUrl}), secrets excepted.
 */
final class GoalParameters {

  /**
   * The parameters every goal has, which say which stage it works on and where that stage's state
   * lives, as Maven set them.
   *
   * @param app the app name
   * @param stage the stage, or {@code null} for {@code ALCHEMY_STAGE}, else {@code dev}
   * @param backend the backend's name
   * @param stateDir the filesystem backend's folder
   * @param postgres the {@code <postgres>} block, or {@code null}
   * @param s3 the {@code <s3>} block, or {@code null}
   * @param lockTimeout how long to wait for the stage's lock, as given
   */
  record Stage(String app, String stage, String backend, File stateDir,
      PostgresStateConfiguration postgres, S3StateConfiguration s3, String lockTimeout) {}

  private final String goal;
  private final Stage stage;
  private final MavenSession session;
  private final MavenProject project;
  private final PluginDescriptor plugin;
  private final SettingsDecrypter decrypter;
  private final Log log;
  private final UnaryOperator<String> environment;

  /**
   * A reader of one goal's parameters.
   *
   * @param goal the goal's name, e.g. {@code up}, for messages
   * @param stage the parameters every goal has
   * @param session the Maven session
   * @param project the project the goal runs in
   * @param plugin this plugin's descriptor
   * @param decrypter Maven's decrypter of settings.xml passwords
   * @param log where to say where secrets and credentials came from, and what was skipped
   * @param environment the environment variables ({@code ALCHEMY_STAGE}); a test's own map
   */
  GoalParameters(String goal, Stage stage, MavenSession session, MavenProject project,
      PluginDescriptor plugin, SettingsDecrypter decrypter, Log log,
      UnaryOperator<String> environment) {
    this.goal = goal;
    this.stage = stage;
    this.session = session;
    this.project = project;
    this.plugin = plugin;
    this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
    this.log = log;
    this.environment = environment;
  }

  // ---------------------------------------------------------------- where values came from

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

  /** Warns about every {@code alchemy.*} property no goal reads, a typo Maven would ignore. */
  void warnOnUnknownProperties() {
    UnknownProperties.warnings(session.getUserProperties(), project.getProperties())
        .forEach(log::warn);
  }

  // ---------------------------------------------------------------- the goal's settings

  /** The settings of a goal that works on state alone, without a definition. */
  GoalSettings settings() throws MojoFailureException {
    return settings(null, null, null, null);
  }

  /**
   * The settings of a goal that runs a definition, with the filesystem backend's note until a
   * backend is opened.
   *
   * @param definition the {@code definition} parameter, or {@code null} to discover it
   * @param password where the app password comes from
   * @param eventsFile the {@code eventsFile} parameter, or {@code null}
   * @throws MojoFailureException when the app or stage is blank
   */
  GoalSettings settings(String definition, PasswordSource password, File eventsFile)
      throws MojoFailureException {
    return settings(isBlank(definition) ? null : definition.trim(),
        origin(PropertyNames.DEFINITION, "definition", definition), password.describe(),
        eventsFile == null ? null : resolve(eventsFile));
  }

  private GoalSettings settings(String definition, String definitionOrigin, String passwordOrigin,
      Path eventsFile) throws MojoFailureException {
    rejectBlank("stage", PropertyNames.STAGE, stage.stage(), null, "prod", Alchemy.STAGE_ENV
        + " if set, else " + Alchemy.DEFAULT_STAGE);
    String stageName = stage.stage();
    String stageOrigin = origin(PropertyNames.STAGE, "stage", stageName);
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
    String app = stage.app();
    rejectBlank("app", PropertyNames.APP, app, project.getArtifactId(), "my-app",
        "the project's artifactId (" + project.getArtifactId() + ")");
    String appOrigin = origin(PropertyNames.APP, "app", app);
    if (appOrigin.startsWith("<") && app.equals(project.getArtifactId())) {
      appOrigin = "the default (the project's artifactId)";
    }
    Path state = resolve(stage.stateDir());
    return new GoalSettings(goal, app, appOrigin, stageName, stageOrigin, state, definition,
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
   * The lock timeout.
   *
   * @throws MojoFailureException when it is neither a duration nor seconds, or negative
   */
  Duration lockTimeout() throws MojoFailureException {
    String given = stage.lockTimeout();
    Duration timeout = Durations.parse(given);
    if (timeout == null || timeout.isNegative()) {
      throw new MojoFailureException("The lock timeout '" + given + "' (from "
          + origin(PropertyNames.LOCK_TIMEOUT, "lockTimeout", given) + ") is neither an"
          + " ISO-8601 duration nor a number of seconds, of zero or more. Use e.g. -D"
          + PropertyNames.LOCK_TIMEOUT + "=PT10M (ten minutes), 600 (seconds), or 0 to fail at"
          + " once.");
    }
    return timeout;
  }

  /**
   * The parallelism, checked before anything is opened, so a bad one changes nothing. The
   * parameter is text, not an {@code int}, so that a value that is no number gets this message
   * rather than Maven's bare "Cannot convert".
   *
   * @param parallelism the {@code parallelism} parameter as Maven set it
   * @throws MojoFailureException when it is not a whole number of 1 or more
   */
  int parallelism(String parallelism) throws MojoFailureException {
    if (parallelism == null) {
      // What Maven hands over for an empty -Dalchemy.parallelism=: the default, harmless here.
      return RunSettings.DEFAULT_PARALLELISM;
    }
    String text = parallelism.trim();
    String problem;
    try {
      int value = Integer.parseInt(text);
      if (value >= 1) {
        return value;
      }
      problem = "is below 1";
    } catch (NumberFormatException e) {
      problem = !text.matches("[+-]?\\d+") ? "is not a whole number"
          : text.startsWith("-") ? "is below 1"
          : "is larger than " + Integer.MAX_VALUE;
    }
    throw new MojoFailureException("The parallelism '" + parallelism + "' (from "
        + origin(PropertyNames.PARALLELISM, "parallelism", parallelism) + ") " + problem
        + ". It is how many provider calls (and deletions) run at once: use a whole number of 1"
        + " or more, e.g. -D" + PropertyNames.PARALLELISM + "=" + RunSettings.DEFAULT_PARALLELISM
        + " (the default) or <parallelism>" + RunSettings.DEFAULT_PARALLELISM
        + "</parallelism>, or 1 to run everything one at a time, in the order written."
        + " Nothing was run or written.");
  }

  /**
   * How watch mode is paced, checked before anything is opened, so a bad pace (a negative
   * {@code maxRuns}) changes nothing.
   *
   * @param debounceMillis the {@code debounceMillis} parameter
   * @param maxRuns the {@code maxRuns} parameter
   */
  WatchSettings watchSettings(long debounceMillis, int maxRuns) throws MojoFailureException {
    return WatchSettings.of(debounceMillis,
        origin(PropertyNames.WATCH_DEBOUNCE, "debounceMillis", String.valueOf(debounceMillis)),
        maxRuns, origin(PropertyNames.WATCH_MAX_RUNS, "maxRuns", String.valueOf(maxRuns)));
  }

  /**
   * The FQNs a goal's {@code replace} parameter names, checked against the run's stage (see
   * {@link Replacements#of}), with where they came from for messages.
   *
   * @param replace the parameter as Maven set it, or {@code null}
   */
  Set<String> replacements(List<String> replace, GoalSettings settings)
      throws MojoFailureException {
    return Replacements.of(replace, property(PropertyNames.REPLACE),
        origin(PropertyNames.REPLACE, "replace", replace == null ? null
            : String.join(",", replace.stream().map(e -> e == null ? "" : e).toList())),
        settings);
  }

  // ---------------------------------------------------------------- state and secrets

  /** The settings.xml servers, decrypted when asked for. */
  SettingsServers servers() {
    return new SettingsServers(session.getSettings(), decrypter, settingsFiles());
  }

  /** The settings files Maven read, for messages about a missing server. */
  private String settingsFiles() {
    MavenExecutionRequest request = session.getRequest();
    String files = request == null ? "" : Stream.of(request.getUserSettingsFile(),
            request.getGlobalSettingsFile())
        .filter(Objects::nonNull).map(File::getPath).collect(Collectors.joining(", "));
    return files.isEmpty() ? "none" : files;
  }

  /** The backends as configured by {@code <postgres>}, {@code <s3>} and their properties. */
  StateBackends backends(SettingsServers servers) {
    return new StateBackends(stage.postgres(), stage.s3(), this::property, servers);
  }

  /** {@code backend}, checked. */
  String backendName() throws ConfigurationProblem {
    return StateBackends.name(stage.backend(), "The state backend", backendOrigin(), "-D"
        + PropertyNames.BACKEND + "=postgres or <backend> in the alchemy-maven-plugin"
        + " configuration");
  }

  private String backendOrigin() {
    String origin = origin(PropertyNames.BACKEND, "backend", stage.backend());
    return StateBackends.FILESYSTEM.equals(stage.backend()) && origin.startsWith("<")
        ? "the default" : origin;
  }

  /**
   * The configured backend.
   *
   * @param local whether the goal runs in local mode, whose state is always kept on the local
   *     disk
   * @throws ConfigurationProblem when {@code backend} names none, or its settings are missing or
   *     invalid
   */
  StateBackend backend(GoalSettings settings, SettingsServers servers, boolean local)
      throws ConfigurationProblem {
    String name = backendName();
    if (local && !StateBackends.FILESYSTEM.equals(name)) {
      // Local resources live on this machine: their state must not be shared through a team's
      // backend, where another developer's local run would take them for its own.
      log.info("local mode: state stays on this machine, in " + settings.stateDir()
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
    String origin = fileOrigin(PropertyNames.STATE_DIR, "stateDir", stage.stateDir());
    return origin.startsWith("<") ? origin + ", or its default" : origin;
  }

  /**
   * Where the app password comes from.
   *
   * @param password the {@code password} parameter, or {@code null}
   * @param serverId the {@code passwordServerId} parameter, or {@code null}
   */
  PasswordSource passwordSource(SecretParameter password, String serverId) {
    return new PasswordSource(password,
        origin(PropertyNames.PASSWORD, "password", password == null ? null : password.reveal()),
        serverId, origin(PropertyNames.PASSWORD_SERVER_ID, "passwordServerId", serverId));
  }

  /**
   * Opens the configured state backend for {@code builder} and sets its store, the app password
   * and the provider credentials there, logging where each came from, never a value. Without a
   * configured password, Alchemy's default stays in force.
   *
   * @param local whether the goal runs in local mode (see {@link #backend})
   * @param password where the app password comes from
   * @param credentials the {@code credentials} parameter, or {@code null}
   * @return the backend, for the goal to close when it ends
   */
  StateBackend connect(Alchemy.Builder builder, GoalSettings settings, boolean local,
      PasswordSource password, CredentialsConfiguration credentials)
      throws ConfigurationProblem {
    SettingsServers servers = servers();
    StateBackend backend = backend(settings, servers, local);
    try {
      builder.stateStore(backend.store());
      Secret appPassword = password.resolve(servers);
      if (appPassword != null) {
        builder.password(appPassword);
      }
      String origin = password.describe();
      if (origin != null) {
        log.info("secrets: app password from " + origin);
      } else {
        log.debug("secrets: no app password configured (" + PropertyNames.PASSWORD + ", "
            + PropertyNames.PASSWORD_SERVER_ID + " or " + Alchemy.PASSWORD_ENV + ")");
      }
      if (credentials != null) {
        String profile = credentialsProfile();
        String where = "the alchemy-maven-plugin configuration"
            + (profile == null ? "" : " of profile '" + profile + "'");
        List<String> sources = new ArrayList<>();
        ProviderCredentials resolved = credentials.resolve(servers, where, sources);
        builder.credentials(resolved);
        String note = profile == null ? "" : " (<credentials> of profile '" + profile + "')";
        sources.forEach(line -> log.info("credentials: " + line + note));
      }
      logLogin(backend);
      return backend;
    } catch (ConfigurationProblem | RuntimeException e) {
      StateBackend.closeQuietly(backend);
      throw e;
    }
  }

  /**
   * The active profile that configures {@code <credentials>} for this plugin, or {@code null} when
   * none does (then it is the POM's own configuration), so the log can say which account a profile
   * selected.
   */
  private String credentialsProfile() {
    for (Profile profile : project.getActiveProfiles()) {
      if (profile.getBuild() == null) {
        continue;
      }
      for (Plugin p : profile.getBuild().getPlugins()) {
        if (p.getKey().equals(plugin.getPluginLookupKey()) && configuresCredentials(p)) {
          return profile.getId();
        }
      }
    }
    return null;
  }

  private static boolean configuresCredentials(Plugin p) {
    if (p.getConfiguration() instanceof Xpp3Dom dom && dom.getChild("credentials") != null) {
      return true;
    }
    for (PluginExecution execution : p.getExecutions()) {
      if (execution.getConfiguration() instanceof Xpp3Dom dom
          && dom.getChild("credentials") != null) {
        return true;
      }
    }
    return false;
  }

  /** Logs where the backend's credentials came from, never a value. */
  void logLogin(StateBackend backend) {
    if (backend.login() != null) {
      log.info("state: " + backend.name() + " " + backend.login());
    }
  }

  // ---------------------------------------------------------------- the project

  /**
   * Whether the goal has nothing to run here: the project is pom-packaged (an aggregator or a
   * parent, without classes) and names no definition. Says so in one line, so that running a
   * goal from the root of a multi-module build reaches the module that holds the definition
   * instead of failing here.
   *
   * @param definition the {@code definition} parameter, or {@code null}
   */
  boolean skipsPomProject(String definition) {
    if (!"pom".equals(project.getPackaging()) || !isBlank(definition)) {
      return false;
    }
    log.info("Skipping alchemy:" + goal + " in " + project.getArtifactId()
        + ": a pom-packaged project has no classes to hold a definition (set "
        + PropertyNames.DEFINITION + " to run one from its dependencies).");
    return true;
  }

  /** The plugin runs its own alchemy-core; a different one in the project may not link. */
  void warnOnCoreVersionMismatch() {
    for (Artifact artifact : project.getArtifacts()) {
      if ("io.alchemy".equals(artifact.getGroupId())
          && "alchemy-core".equals(artifact.getArtifactId())
          && !artifact.getBaseVersion().equals(plugin.getVersion())) {
        log.warn("The project depends on alchemy-core " + artifact.getBaseVersion()
            + " but alchemy-maven-plugin " + plugin.getVersion() + " runs its own alchemy-core "
            + plugin.getVersion() + ". Use the same version for both to avoid linkage errors.");
      }
    }
  }

  /**
   * Words for the first line of a deployment whose filesystem state lies under the build folder,
   * which {@code mvn clean} deletes, or "".
   */
  String stateDirNote(GoalSettings settings, StateBackend backend, Phase phase) {
    Path buildDir = Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
    return StateBackends.FILESYSTEM.equals(backend.name())
        && settings.stateDir().startsWith(buildDir) && phase == Phase.UP
        ? " (under " + buildDir.getFileName() + "/: mvn clean deletes it; set "
            + PropertyNames.STATE_DIR + " elsewhere to keep it)"
        : "";
  }

  /** The project's definition, loaded from its runtime classpath. */
  DefinitionLoader definitions() throws DependencyResolutionRequiredException {
    return DefinitionLoader.forClasspath(project.getRuntimeClasspathElements().stream()
            .map(Path::of).toList())
        .namingHint(GoalParameters::howToNameDefinition);
  }

  /** How to name the definition class, for error messages. */
  private static String howToNameDefinition(String className) {
    return "-D" + PropertyNames.DEFINITION + "=" + className + ", or <definition>" + className
        + "</definition> in the alchemy-maven-plugin <configuration>";
  }

  /**
   * The watch loop for this project, for {@code alchemy:dev} and {@code alchemy:up
   * -Dalchemy.watch}: its compile source roots (not generated ones under the build folder),
   * resource folders and output folder, its compile classpath, {@code maven.compiler.release}
   * (else {@code maven.compiler.target}) and {@code project.build.sourceEncoding}, and the
   * definition loaded from the runtime classpath.
   */
  WatchLoop.Builder watchLoop(GoalSettings settings, WatchSettings watch)
      throws DependencyResolutionRequiredException {
    Path base = baseDir();
    Path buildDir = base.resolve(project.getBuild().getDirectory()).normalize();
    List<Path> sourceRoots = project.getCompileSourceRoots().stream()
        .map(s -> base.resolve(s).normalize())
        .filter(p -> !p.startsWith(buildDir))
        .toList();
    List<Path> resourceRoots = project.getResources().stream()
        .map(r -> base.resolve(r.getDirectory()).normalize())
        .toList();
    return WatchLoop.builder()
        .sourceRoots(sourceRoots)
        .resourceRoots(resourceRoots)
        .classesDir(base.resolve(project.getBuild().getOutputDirectory()).normalize())
        .compileClasspath(project.getCompileClasspathElements().stream().map(Path::of).toList())
        .release(compilerRelease())
        .encoding(sourceEncoding())
        .debounce(watch.debounce())
        .maxRuns(watch.maxRuns())
        .definitionLoader(definitions())
        .definitionClass(settings.definition());
  }

  private String compilerRelease() {
    String release = project.getProperties().getProperty("maven.compiler.release");
    return release != null ? release
        : project.getProperties().getProperty("maven.compiler.target");
  }

  private Charset sourceEncoding() {
    String name = project.getProperties().getProperty("project.build.sourceEncoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
