package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.engine.RunSettings;
import java.io.IOException;
import java.util.Objects;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Watch mode, locally: {@code mvn alchemy:dev} deploys the stage locally ({@code scope.local()}
 * and {@code scope.watch()} are true, state under {@code <stage>@local}), then keeps watching
 * {@code src/main/java}, {@code src/main/resources} and {@code target/classes}. On a change it
 * recompiles the changed sources in-process with the JDK compiler against the compile classpath,
 * copies changed resources, loads the definition in a fresh class loader and deploys it again,
 * all under one stage lock held for the whole session. A compile error or a failing definition
 * is logged and the session keeps watching; the previous deployment and its spawned processes
 * stay. Ctrl-C or SIGTERM ends the session: spawned processes are stopped, cleanup handlers run
 * and the lock is released. {@code alchemy:up -Dalchemy.watch} does the same on the deployed
 * stage.
 *
 * <p>Like {@code up}, it first runs the project's build up to {@code process-classes} when the
 * classes are missing or older than the sources.
 */
@Mojo(name = "dev", threadSafe = true, configurator = MaskingConfigurator.ID,
    requiresDependencyResolution = ResolutionScope.RUNTIME, requiresDirectInvocation = true)
public class DevMojo extends AlchemyMojo {

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

  /** How long no further change must come before a redeploy, in milliseconds. */
  @Parameter(property = PropertyNames.WATCH_DEBOUNCE, defaultValue = "200")
  private long debounceMillis;

  /** End after this many runs, the first deploy included (for tests); 0 watches until stopped. */
  @Parameter(property = PropertyNames.WATCH_MAX_RUNS, defaultValue = "0")
  private int maxRuns;

  private final ProjectClasses classes;

  /** The goal, with Maven's decrypter of settings.xml passwords and the project's classes. */
  @Inject
  public DevMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter);
    this.classes = Objects.requireNonNull(classes, "classes");
  }

  @Override
  protected String goal() {
    return "dev";
  }

  /** A skipped goal's project may still be a dependency of a module that runs the goal later. */
  @Override
  void whenSkipped() throws MojoExecutionException, MojoFailureException {
    classes.update(session(), getLog(), goal());
  }

  @Override
  void executeGoal(GoalParameters parameters)
      throws MojoExecutionException, MojoFailureException {
    // Checked before anything is opened, so a bad pace (a negative maxRuns) changes nothing.
    WatchSettings pace = parameters.watchSettings(debounceMillis, maxRuns);
    PasswordSource passwordSource = parameters.passwordSource(password, passwordServerId);
    GoalSettings settings = parameters.settings(definition, passwordSource, null);
    FailureTranslator failures = new FailureTranslator(settings);
    StateBackend backend = null;
    try {
      Alchemy.Builder builder = settings.builder()
          .local(true)
          .watch(true)
          .quiet(quiet)
          .listener(new MavenLogListener(getLog()))
          .lockTimeout(parameters.lockTimeout())
          .parallelism(parameters.parallelism(parallelism));
      // Validates the app and stage names before anything is opened.
      builder.build();
      classes.update(session(), getLog(), goal());
      backend = parameters.connect(builder, settings, true, passwordSource, credentials);
      settings = settings.withStateNote(backend.note());
      failures = new FailureTranslator(settings);
      new GoalRunner(settings, new MavenGoalLog(getLog())).watch(builder,
          parameters.watchLoop(settings, pace), true, "", failures::message);
    } catch (IOException e) {
      throw failures.unwatchable(e);
    } catch (RuntimeException | DependencyResolutionRequiredException | ConfigurationProblem e) {
      throw failures.translate(e);
    } finally {
      StateBackend.closeQuietly(backend);
    }
  }
}
