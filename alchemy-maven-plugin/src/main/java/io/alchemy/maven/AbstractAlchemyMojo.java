package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.definition.LoadedDefinition;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.StateStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.Profile;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * What the goals that run a definition ({@code up}, {@code destroy}, {@code read}) share: their
 * parameters, and one {@link #executeGoal()} that reads them, opens the state backend, loads the
 * project's {@code InfrastructureDefinition} from its runtime classpath and hands everything to
 * {@link Alchemy}. A goal only says which {@link Phase} it runs and what it prints afterwards. The
 * parameters every goal shares (app, stage, backend, ...) are in {@link AbstractStateMojo}.
 */
public abstract class AbstractAlchemyMojo extends AbstractStateMojo {

  /**
   * Fully qualified name of the class implementing {@code io.alchemy.core.InfrastructureDefinition}.
   * Default: the one class registered in {@code
   * META-INF/services/io.alchemy.core.InfrastructureDefinition} on the project's classpath.
   */
  @Parameter(property = PropertyNames.DEFINITION)
  private String definition;

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
   * </credentials>}. See {@link AwsConfiguration} and {@link PostgresConfiguration}.
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

  /**
   * A goal.
   *
   * @param decrypter Maven's decrypter of settings.xml passwords, injected by the goal's
   *     constructor
   */
  protected AbstractAlchemyMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

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
  protected final void executeGoal() throws MojoExecutionException, MojoFailureException {
    if ("pom".equals(project().getPackaging()) && isBlank(definition)) {
      // An aggregator or parent has no classes: running the goal from the root of a
      // multi-module build must reach the module that holds the definition, not fail here.
      getLog().info("Skipping alchemy:" + goal() + " in " + project().getArtifactId()
          + ": a pom-packaged project has no classes to hold a definition (set "
          + PropertyNames.DEFINITION + " to run one from its dependencies).");
      return;
    }
    GoalSettings settings = settings(isBlank(definition) ? null : definition.trim(),
        origin(PropertyNames.DEFINITION, "definition", definition), passwordSource().describe(),
        eventsFile == null ? null : resolve(eventsFile));
    FailureTranslator failures = new FailureTranslator(settings);
    EventsFile events = openEvents(settings, failures);
    RunResult result = null;
    boolean succeeded = false;
    StateBackend backend = null;
    try {
      Duration timeout = lockTimeout();
      Alchemy.Builder builder = builder(settings, events).lockTimeout(timeout);
      // Validates the app and stage names before any user code is loaded or run.
      builder.build();
      SettingsServers servers = servers();
      backend = backend(settings, servers);
      settings = settings.withStateNote(backend.note());
      failures = new FailureTranslator(settings);
      builder.stateStore(backend.store());
      applySecrets(builder, servers);
      logLogin(backend);
      warnOnCoreVersionMismatch();
      try (LoadedDefinition loaded = DefinitionLoader.forClasspath(runtimeClasspath())
          .namingHint(AbstractAlchemyMojo::howToNameDefinition)
          .load(settings.definition())) {
        Alchemy alchemy = builder.classLoader(loaded.classLoader()).build();
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + " with "
            + loaded.className() + " (" + loaded.origin() + "); state in "
            + backend.location(settings.app(), settings.stage()) + stateDirNote(settings, backend));
        result = runWithContextLoader(alchemy, loaded);
        getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + ": " + result.summary()
            + " in " + result.duration().toMillis() + " ms");
        afterRun(result, backend.store());
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
      closeQuietly(backend);
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
  private void applySecrets(Alchemy.Builder builder, SettingsServers servers)
      throws ConfigurationProblem {
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

  private Alchemy.Builder builder(GoalSettings settings, EventsFile events) {
    return Alchemy.builder()
        .app(settings.app())
        .stage(settings.stage())
        .phase(phase())
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

  private PasswordSource passwordSource() {
    return new PasswordSource(password,
        origin(PropertyNames.PASSWORD, "password", password == null ? null : password.reveal()),
        passwordServerId,
        origin(PropertyNames.PASSWORD_SERVER_ID, "passwordServerId", passwordServerId));
  }

  /**
   * The active profile that configures {@code <credentials>} for this plugin, or {@code null} when
   * none does (then it is the POM's own configuration), so the log can say which account a profile
   * selected.
   */
  private String credentialsProfile() {
    for (Profile profile : project().getActiveProfiles()) {
      if (profile.getBuild() == null) {
        continue;
      }
      for (Plugin p : profile.getBuild().getPlugins()) {
        if (p.getKey().equals(plugin().getPluginLookupKey()) && configuresCredentials(p)) {
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

  private List<Path> runtimeClasspath() throws DependencyResolutionRequiredException {
    return project().getRuntimeClasspathElements().stream().map(Path::of).toList();
  }

  private String stateDirNote(GoalSettings settings, StateBackend backend) {
    Path buildDir = Path.of(project().getBuild().getDirectory()).toAbsolutePath().normalize();
    return StateBackends.FILESYSTEM.equals(backend.name())
        && settings.stateDir().startsWith(buildDir) && phase() == Phase.UP
        ? " (under " + buildDir.getFileName() + "/: mvn clean deletes it; set "
            + PropertyNames.STATE_DIR + " elsewhere to keep it)"
        : "";
  }

  /** The plugin runs its own alchemy-core; a different one in the project may not link. */
  private void warnOnCoreVersionMismatch() {
    for (Artifact artifact : project().getArtifacts()) {
      if ("io.alchemy".equals(artifact.getGroupId())
          && "alchemy-core".equals(artifact.getArtifactId())
          && !artifact.getBaseVersion().equals(plugin().getVersion())) {
        getLog().warn("The project depends on alchemy-core " + artifact.getBaseVersion()
            + " but alchemy-maven-plugin " + plugin().getVersion() + " runs its own alchemy-core "
            + plugin().getVersion() + ". Use the same version for both to avoid linkage errors.");
      }
    }
  }

  private static String howToNameDefinition(String className) {
    return "-D" + PropertyNames.DEFINITION + "=" + className + ", or <definition>" + className
        + "</definition> in the alchemy-maven-plugin <configuration>";
  }
}
