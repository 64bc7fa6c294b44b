package io.alchemy.maven;

import java.io.File;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters every goal has: the stage (app and stage name), where its state lives (the
 * backend and its settings), the lock timeout and {@code skip}. Holds them for Maven, which sets
 * parameters on fields of the goal's class and its superclasses, and skips a goal; the goal reads
 * them through a {@link GoalParameters}, which knows where each value came from. {@link
 * PhaseMojo} holds the parameters of the goals that run a definition in a phase.
 *
 * <p>Every parameter has a user property ({@code -Dalchemy.stage=prod}), which may also be set as a
 * POM or profile {@code <properties>} entry. Precedence is Maven's: an explicit {@code
 * <configuration>} element, then {@code -D}, then a {@code <properties>} entry, then the default.
 * The elements of the {@code <postgres>} and {@code <s3>} blocks follow the same order through
 * {@link UserProperties} ({@code -Dalchemy.postgres.jdbcUrl}), secrets excepted. Goals are
 * configured by {@link MaskingConfigurator}, so secret parameters stay masked in {@code -X} output.
 */
public abstract class AlchemyMojo extends AbstractMojo {

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
  protected AlchemyMojo(SettingsDecrypter decrypter) {
    this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
  }

  /** The goal's name, e.g. {@code up}, for messages. */
  protected abstract String goal();

  /** What a skipped goal still does: nothing, unless a goal says otherwise. */
  void whenSkipped() throws MojoExecutionException, MojoFailureException {}

  /**
   * Does the goal's work; called unless {@code skip} is set.
   *
   * @param parameters the reader of this goal's parameters
   */
  abstract void executeGoal(GoalParameters parameters)
      throws MojoExecutionException, MojoFailureException;

  /** Logs one line when {@code skip} is set, else warns of unknown properties and runs the goal. */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      whenSkipped();
      getLog().info("Skipping alchemy:" + goal() + " because " + PropertyNames.SKIP + " is set.");
      return;
    }
    GoalParameters parameters = parameters();
    parameters.warnOnUnknownProperties();
    executeGoal(parameters);
  }

  /** The reader of this goal's parameters. */
  GoalParameters parameters() {
    return new GoalParameters(goal(), new GoalParameters.Stage(app, stage, backend, stateDir,
        postgres, s3, lockTimeout), session, project, plugin, decrypter, getLog(), environment);
  }

  /** The Maven session. */
  MavenSession session() {
    return session;
  }
}
