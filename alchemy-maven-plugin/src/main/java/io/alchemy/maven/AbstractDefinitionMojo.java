package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.engine.RunSettings;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.watch.WatchLoop;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * What every goal that runs a definition shares ({@code up}, {@code plan}, {@code destroy},
 * {@code read}, {@code dev}): the definition class, quiet output, the parallelism, the app
 * password and the provider credentials, and how they are applied to an {@link Alchemy.Builder};
 * opening the state backend; and the watch loop of the project for the goals that watch ({@link
 * GoalRunner}). The state parameters are in {@link AbstractStateMojo}.
 */
public abstract class AbstractDefinitionMojo extends AbstractStateMojo {

  /**
   * Fully qualified name of the class implementing {@code io.alchemy.core.InfrastructureDefinition}.
   * Default: the one class registered in {@code
   * META-INF/services/io.alchemy.core.InfrastructureDefinition} on the project's classpath.
   */
  @Parameter(property = PropertyNames.DEFINITION)
  private String definition;

  /** No per-resource lines; warnings, errors and the summary line are still logged. */
  @Parameter(property = PropertyNames.QUIET, defaultValue = "false")
  private boolean quiet;

  /**
   * How many provider calls may run at once for the work a definition starts with {@code
   * scope.async}, {@code scope.forEach} and {@code scope.map}, and how many deletions run at once
   * (orphans, old instances, everything at destroy; each still waits for the deletions of what
   * came after its resource). {@code 1} runs everything one at a time, in the order written. A
   * whole number of 1 or more.
   */
  @Parameter(property = PropertyNames.PARALLELISM,
      defaultValue = "" + RunSettings.DEFAULT_PARALLELISM)
  private String parallelism;

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
   * </credentials>}. The kinds: {@code <aws>} ({@code <region>}, and {@code <serverId>} of a
   * settings.xml server holding the access key id and secret key, or {@code <accessKeyId>} with
   * {@code <secretAccessKey>}; neither: the AWS default chain), {@code <postgres>} ({@code
   * <host>}, {@code <port>} 5432, {@code <database>} postgres, and {@code <serverId>} or {@code
   * <username>} with {@code <password>}: an administrator's login), and {@code <s3Endpoint>}
   * ({@code <url>} of an S3-compatible store, {@code <pathStyle>} true) for the S3 providers.
   */
  @Parameter
  private CredentialsConfiguration credentials;

  private final ProjectClasses classes;

  /**
   * A goal.
   *
   * @param decrypter Maven's decrypter of settings.xml passwords, injected by the goal's
   *     constructor
   * @param classes the project's classes, brought up to date before the definition is loaded
   */
  protected AbstractDefinitionMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter);
    this.classes = java.util.Objects.requireNonNull(classes, "classes");
  }

  /**
   * Brings the project's classes up to date before the definition is loaded from them: runs the
   * project's build up to {@code process-classes} when they are missing or older than the
   * sources, else nothing (see {@link ProjectClasses}).
   */
  void updateClasses() throws MojoExecutionException, MojoFailureException {
    classes.update(session(), getLog(), goal());
  }

  /** A skipped goal's project may still be a dependency of a module that runs the goal later. */
  @Override
  void whenSkipped() throws MojoExecutionException, MojoFailureException {
    updateClasses();
  }

  /** The configured definition class name, trimmed, or {@code null} for discovery. */
  protected String definitionName() {
    return isBlank(definition) ? null : definition.trim();
  }

  /** Where the definition parameter's value came from, for messages. */
  protected String definitionOrigin() {
    return origin(PropertyNames.DEFINITION, "definition", definition);
  }

  /** Whether per-resource lines are suppressed. */
  protected boolean quiet() {
    return quiet;
  }

  /**
   * The parallelism, checked before anything is opened, so a bad one changes nothing. The
   * parameter is text, not an {@code int}, so that a value that is no number gets this message
   * rather than Maven's bare "Cannot convert".
   *
   * @throws MojoFailureException when it is not a whole number of 1 or more
   */
  protected int parallelism() throws MojoFailureException {
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
   * Sets the app password and the provider credentials on {@code builder}, and logs where each
   * came from, never a value. Without a configured password, Alchemy's default stays in force.
   */
  protected void applySecrets(Alchemy.Builder builder, SettingsServers servers)
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

  /**
   * Opens the configured state backend for {@code builder} and sets its store, the app password
   * and the provider credentials there, logging where each came from.
   *
   * @return the backend, for the goal to close when it ends
   */
  StateBackend connect(Alchemy.Builder builder, GoalSettings settings)
      throws ConfigurationProblem {
    SettingsServers servers = servers();
    StateBackend backend = backend(settings, servers);
    try {
      builder.stateStore(backend.store());
      applySecrets(builder, servers);
      logLogin(backend);
      return backend;
    } catch (ConfigurationProblem | RuntimeException e) {
      closeQuietly(backend);
      throw e;
    }
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
    Path buildDir = base.resolve(project().getBuild().getDirectory()).normalize();
    List<Path> sourceRoots = project().getCompileSourceRoots().stream()
        .map(s -> base.resolve(s).normalize())
        .filter(p -> !p.startsWith(buildDir))
        .toList();
    List<Path> resourceRoots = project().getResources().stream()
        .map(r -> base.resolve(r.getDirectory()).normalize())
        .toList();
    return WatchLoop.builder()
        .sourceRoots(sourceRoots)
        .resourceRoots(resourceRoots)
        .classesDir(base.resolve(project().getBuild().getOutputDirectory()).normalize())
        .compileClasspath(project().getCompileClasspathElements().stream().map(Path::of).toList())
        .release(compilerRelease())
        .encoding(sourceEncoding())
        .debounce(watch.debounce())
        .maxRuns(watch.maxRuns())
        .definitionLoader(DefinitionLoader.forClasspath(runtimeClasspath())
            .namingHint(AbstractDefinitionMojo::howToNameDefinition))
        .definitionClass(settings.definition());
  }

  private String compilerRelease() {
    String release = project().getProperties().getProperty("maven.compiler.release");
    return release != null ? release
        : project().getProperties().getProperty("maven.compiler.target");
  }

  private Charset sourceEncoding() {
    String name = project().getProperties().getProperty("project.build.sourceEncoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** Where the app password comes from, as configured. */
  protected PasswordSource passwordSource() {
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

  /** The project's runtime classpath, where the definition is loaded from. */
  protected List<Path> runtimeClasspath() throws DependencyResolutionRequiredException {
    return project().getRuntimeClasspathElements().stream().map(Path::of).toList();
  }

  /** How to name the definition class, for error messages. */
  protected static String howToNameDefinition(String className) {
    return "-D" + PropertyNames.DEFINITION + "=" + className + ", or <definition>" + className
        + "</definition> in the alchemy-maven-plugin <configuration>";
  }
}
