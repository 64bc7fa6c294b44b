package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.definition.LoadedDefinition;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.StateStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.Profile;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * What every goal shares: the parameters, and one {@link #execute()} that reads them, loads the
 * project's {@code InfrastructureDefinition} from its runtime classpath and hands everything to
 * {@link Alchemy}. A goal only says which {@link Phase} it runs and what it prints afterwards.
 *
 * <p>Every parameter has a user property ({@code -Dalchemy.stage=prod}), which may also be set as a
 * POM or profile {@code <properties>} entry. Precedence is Maven's: an explicit {@code
 * <configuration>} element, then {@code -D}, then a {@code <properties>} entry, then the default.
 * Goals are configured by {@link MaskingConfigurator}, so secret parameters stay masked in {@code
 * -X} output.
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

  /**
   * The app password that encrypts the secrets in state. Prefer {@code passwordServerId}: a
   * password given here or with {@code -D} is plain text in the POM or in the shell's history.
   * Default: the {@code ALCHEMY_PASSWORD} environment variable. Never logged, also not with {@code
   * -X}.
   */
  @Parameter(property = PropertyNames.PASSWORD)
  private SecretParameter password;

  /**
   * The id of a settings.xml {@code <server>} whose {@code <password>} is the app password,
   * decrypted by Maven, so {@code mvn --encrypt-password} values work. Excludes {@code password}.
   */
  @Parameter(property = PropertyNames.PASSWORD_SERVER_ID)
  private String passwordServerId;

  /**
   * Provider credentials of the root scope, one element per kind, usually in a Maven profile per
   * account: {@code <credentials><aws><region>us-east-1</region><serverId>aws-prod</serverId></aws>
   * </credentials>}. See {@link AwsConfiguration}.
   */
  @Parameter
  private CredentialsConfiguration credentials;

  /**
   * A file that receives every event of the run as one JSON object per line, then a {@code
   * summary} line (also when the goal fails), for CI. Written anew by each goal; parent folders
   * are created. Default: none.
   */
  @Parameter(property = PropertyNames.EVENTS_FILE)
  private File eventsFile;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  private final SettingsDecrypter decrypter;

  /**
   * A goal.
   *
   * @param decrypter Maven's decrypter of settings.xml passwords, injected by the goal's
   *     constructor
   */
  protected AbstractAlchemyMojo(SettingsDecrypter decrypter) {
    this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
  }

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
    FailureTranslator failures = new FailureTranslator(settings);
    EventsFile events = openEvents(settings, failures);
    RunResult result = null;
    boolean succeeded = false;
    try {
      Duration timeout = lockTimeout();
      FileSystemStateStore store = new FileSystemStateStore(settings.stateDir());
      Alchemy.Builder builder = builder(settings, store, events).lockTimeout(timeout);
      // Validates the app and stage names before any user code is loaded or run.
      builder.build();
      applySecrets(builder);
      warnOnCoreVersionMismatch();
      try (LoadedDefinition loaded = DefinitionLoader.forClasspath(runtimeClasspath())
          .namingHint(AbstractAlchemyMojo::howToNameDefinition)
          .load(settings.definition())) {
        Alchemy alchemy = builder.classLoader(loaded.classLoader()).build();
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + " with "
            + loaded.className() + " (" + loaded.origin() + "); state in "
            + store.stageDir(settings.app(), settings.stage()) + stateDirNote(settings));
        result = runWithContextLoader(alchemy, loaded);
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + ": " + result.summary()
            + " in " + result.duration().toMillis() + " ms");
        afterRun(result, store);
      }
      succeeded = true;
    } catch (DeploymentFailedException e) {
      result = e.result();
      if (result != null) {
        // What was done before the failure is in state; saying it helps judge the next run.
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + " before it failed: "
            + result.summary());
      }
      throw failures.translate(e);
    } catch (RuntimeException | DependencyResolutionRequiredException | ConfigurationProblem e) {
      throw failures.translate(e);
    } finally {
      events.summary(result, !succeeded);
      events.close();
    }
  }

  private EventsFile openEvents(GoalSettings settings, FailureTranslator failures)
      throws MojoExecutionException, MojoFailureException {
    try {
      return EventsFile.open(settings.eventsFile(), settings.app(), settings.stage(), phase());
    } catch (IOException e) {
      throw failures.translate(e);
    }
  }

  /**
   * Sets the app password and the provider credentials on {@code builder}, and logs where each
   * came from, never a value. Without a configured password, Alchemy's default stays in force.
   */
  private void applySecrets(Alchemy.Builder builder) throws ConfigurationProblem {
    SettingsServers servers = new SettingsServers(session.getSettings(), decrypter,
        settingsFiles());
    PasswordSource source = passwordSource();
    Secret appPassword = source.resolve(servers);
    if (appPassword != null) {
      builder.password(appPassword);
    }
    String origin = source.describe();
    if (origin != null) {
      getLog().info("secrets: app password from " + origin);
    } else {
      getLog().debug("secrets: no app password configured (" + PropertyNames.PASSWORD + ", "
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
      sources.forEach(line -> getLog().info("credentials: " + line + note));
    }
  }

  private Alchemy.Builder builder(GoalSettings settings, StateStore store, EventsFile events) {
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
        .listener(events.around(new MavenLogListener(getLog())));
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
    Path events = eventsFile == null ? null : baseDir.resolve(eventsFile.toPath()).normalize();
    return new GoalSettings(goal(), app, appOrigin, stageName, stageOrigin, state,
        definitionName, origin(PropertyNames.DEFINITION, "definition", definition), baseDir,
        passwordSource().describe(), events);
  }

  private PasswordSource passwordSource() {
    return new PasswordSource(password,
        origin(PropertyNames.PASSWORD, "password", password == null ? null : password.reveal()),
        passwordServerId,
        origin(PropertyNames.PASSWORD_SERVER_ID, "passwordServerId", passwordServerId));
  }

  /** The settings files Maven read, for messages about a missing server. */
  private String settingsFiles() {
    MavenExecutionRequest request = session.getRequest();
    String files = request == null ? "" : Stream.of(request.getUserSettingsFile(),
            request.getGlobalSettingsFile())
        .filter(Objects::nonNull).map(File::getPath).collect(Collectors.joining(", "));
    return files.isEmpty() ? "none" : files;
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
