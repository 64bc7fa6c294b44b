package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.engine.RunSettings;
import io.alchemy.core.state.StateStore;
import java.io.File;
import java.util.Objects;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters of the goals that run the project's definition in their phase ({@code up},
 * {@code plan}, {@code destroy}, {@code read}): the definition class, quiet output, the
 * parallelism, the app password and the provider credentials, local and watch mode, adoption,
 * forced updates and the events file; and what a goal adds to the steps they share ({@link
 * PhaseExecution}): its {@link #phase()}, whether and how it watches ({@link #watchSettings}),
 * what its own parameters ask for ({@link #prepare}), what it does with the loaded definition
 * ({@link #runOnce}) and what it prints afterwards ({@link #afterRun}). {@code alchemy:dev},
 * always local and watching, declares the few of these it has itself.
 */
public abstract class PhaseMojo extends AlchemyMojo {

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

  /** Local mode, seen by the definition as {@code scope.local()}: use local alternatives. */
  @Parameter(property = PropertyNames.LOCAL, defaultValue = "false")
  private boolean local;

  /**
   * Watch mode, seen by the definition as {@code scope.watch()}: {@code up} deploys, then keeps
   * watching the project's sources, resources and classes and redeploys after every change until
   * Ctrl-C, as {@code alchemy:dev} does locally. {@code destroy} and {@code read} refuse it.
   */
  @Parameter(property = PropertyNames.WATCH, defaultValue = "false")
  private boolean watch;

  /** Adopt resources that already exist but are not in state, instead of failing on them. */
  @Parameter(property = PropertyNames.ADOPT, defaultValue = "false")
  private boolean adopt;

  /** Update every resource even when its props did not change. */
  @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
  private boolean force;

  /**
   * A file that receives every event of the run as one JSON object per line, then a {@code
   * summary} line (also when the goal fails), for CI. Written anew by each goal; parent folders
   * are created. Default: none.
   */
  @Parameter(property = PropertyNames.EVENTS_FILE)
  private File eventsFile;

  private final ProjectClasses classes;

  /**
   * A goal.
   *
   * @param decrypter Maven's decrypter of settings.xml passwords, injected by the goal's
   *     constructor
   * @param classes the project's classes, brought up to date before the definition is loaded
   */
  protected PhaseMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter);
    this.classes = Objects.requireNonNull(classes, "classes");
  }

  /** The phase the goal runs the definition in. */
  protected abstract Phase phase();

  /**
   * How the goal paces watch mode, or {@code null}, the default, when it cannot watch: watching
   * makes sense for a goal that deploys ({@code up}), not for one that deletes everything or
   * only reads.
   *
   * @param parameters the reader of the goal's parameters
   */
  WatchSettings watchSettings(GoalParameters parameters) throws MojoFailureException {
    return null;
  }

  /**
   * Reads and checks the goal's own parameters before anything is opened or run, so that a bad
   * one changes nothing, and sets what they ask for on {@code builder}. By default there are none.
   *
   * @param builder the run's builder, app and stage already valid
   * @param settings the run's settings
   * @param parameters the reader of the goal's parameters
   * @return {@code settings}, with what failure messages must know of the goal's parameters
   * @throws MojoFailureException or {@link ConfigurationProblem} for a value that cannot be used
   */
  GoalSettings prepare(Alchemy.Builder builder, GoalSettings settings, GoalParameters parameters)
      throws MojoFailureException, ConfigurationProblem {
    return settings;
  }

  /**
   * Does the goal's work with the loaded definition when it does not watch: by default runs it
   * once in {@link #phase()}. Called with the definition's class loader as the thread's context
   * class loader; the summary line follows.
   *
   * @param alchemy the configured run
   * @param definition the project's definition
   * @param settings the run's settings, for messages
   * @param parameters the reader of the goal's parameters
   * @return what the run did, for the summary line, {@link #afterRun} and the events file's
   *     summary; {@code null} when the goal deployed nothing to report (a plan)
   * @throws MojoFailureException when the goal fails after its run, for a reason of its own
   */
  RunResult runOnce(Alchemy alchemy, InfrastructureDefinition definition, GoalSettings settings,
      GoalParameters parameters) throws MojoFailureException {
    return alchemy.run(definition);
  }

  /**
   * Called after a run that succeeded, e.g. to print more than the summary.
   *
   * @param result what the run did
   * @param store the state it ran against, to read from (never to write)
   * @param stateKey the name the run's state is kept under in {@code store}: the stage, or
   *     {@code <stage>@local} in local mode
   */
  protected void afterRun(RunResult result, StateStore store, String stateKey) {}

  /** A skipped goal's project may still be a dependency of a module that runs the goal later. */
  @Override
  void whenSkipped() throws MojoExecutionException, MojoFailureException {
    classes.update(session(), getLog(), goal());
  }

  @Override
  final void executeGoal(GoalParameters parameters)
      throws MojoExecutionException, MojoFailureException {
    new PhaseExecution(this, parameters, classes).execute();
  }

  // The parameters as Maven set them; PhaseExecution reads them through GoalParameters.

  String definition() {
    return definition;
  }

  boolean quiet() {
    return quiet;
  }

  String parallelism() {
    return parallelism;
  }

  SecretParameter password() {
    return password;
  }

  String passwordServerId() {
    return passwordServerId;
  }

  CredentialsConfiguration credentials() {
    return credentials;
  }

  boolean local() {
    return local;
  }

  boolean watch() {
    return watch;
  }

  boolean adopt() {
    return adopt;
  }

  boolean force() {
    return force;
  }

  File eventsFile() {
    return eventsFile;
  }
}
