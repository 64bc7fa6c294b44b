package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import java.io.IOException;
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
public class DevMojo extends AbstractDefinitionMojo {

  /** How long no further change must come before a redeploy, in milliseconds. */
  @Parameter(property = PropertyNames.WATCH_DEBOUNCE, defaultValue = "200")
  private long debounceMillis;

  /** End after this many runs, the first deploy included (for tests); 0 watches until stopped. */
  @Parameter(property = PropertyNames.WATCH_MAX_RUNS, defaultValue = "0")
  private int maxRuns;

  /** The goal, with Maven's decrypter of settings.xml passwords and the project's classes. */
  @Inject
  public DevMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter, classes);
  }

  @Override
  protected String goal() {
    return "dev";
  }

  @Override
  protected boolean runsLocally() {
    return true;
  }

  @Override
  protected void executeGoal() throws MojoExecutionException, MojoFailureException {
    // Checked before anything is opened, so a bad pace (a negative maxRuns) changes nothing.
    WatchSettings pace = WatchSettings.of(debounceMillis,
        origin(PropertyNames.WATCH_DEBOUNCE, "debounceMillis", String.valueOf(debounceMillis)),
        maxRuns, origin(PropertyNames.WATCH_MAX_RUNS, "maxRuns", String.valueOf(maxRuns)));
    GoalSettings settings = settings(definitionName(), definitionOrigin(),
        passwordSource().describe(), null);
    FailureTranslator failures = new FailureTranslator(settings);
    StateBackend backend = null;
    try {
      Alchemy.Builder builder = Alchemy.builder()
          .hints(MavenHints.INSTANCE)
          .app(settings.app())
          .stage(settings.stage())
          .baseDir(settings.baseDir())
          .local(true)
          .watch(true)
          .quiet(quiet())
          .listener(new MavenLogListener(getLog()))
          .lockTimeout(lockTimeout())
          .parallelism(parallelism());
      // Validates the app and stage names before anything is opened.
      builder.build();
      updateClasses();
      backend = connect(builder, settings);
      settings = settings.withStateNote(backend.note());
      failures = new FailureTranslator(settings);
      new GoalRunner(settings, new MavenGoalLog(getLog())).watch(builder,
          watchLoop(settings, pace), true, "", failures::message);
    } catch (IOException e) {
      throw failures.unwatchable(e);
    } catch (RuntimeException | DependencyResolutionRequiredException | ConfigurationProblem e) {
      throw failures.translate(e);
    } finally {
      closeQuietly(backend);
    }
  }
}
