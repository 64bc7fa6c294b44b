package io.alchemy.maven;

import io.alchemy.core.state.StateMigration;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Copies the stage's state from another backend ({@code migrateFrom}) to the configured one
 * ({@code backend}), so a team can move a stage, say from {@code target/} to PostgreSQL, without
 * redeploying: {@code mvn alchemy:migrate-state -Dalchemy.migrate.from=filesystem
 * -Dalchemy.backend=postgres}. Records are copied verbatim; the source is never changed. A target
 * that already holds state for the stage is refused unless {@code overwrite} is on. Works on state
 * alone: it neither compiles the project nor loads its definition.
 */
@Mojo(name = "migrate-state", threadSafe = true, configurator = MaskingConfigurator.ID)
public class MigrateStateMojo extends AlchemyMojo {

  /**
   * The backend to copy from: {@code filesystem}, {@code postgres} or {@code s3}, configured by
   * {@code migrateFromStateDir}, {@code <postgres>} or {@code <s3>}. It must differ from {@code
   * backend}, except two filesystem folders.
   */
  @Parameter(property = PropertyNames.MIGRATE_FROM)
  private String migrateFrom;

  /** The folder to copy from when {@code migrateFrom} is {@code filesystem}; default {@code stateDir}. */
  @Parameter(property = PropertyNames.MIGRATE_FROM_STATE_DIR)
  private File migrateFromStateDir;

  /**
   * Replace the state the target already holds for the stage; records the source does not have
   * are removed from the target.
   */
  @Parameter(property = PropertyNames.OVERWRITE, defaultValue = "false")
  private boolean overwrite;

  /** The goal, with Maven's decrypter of settings.xml passwords. */
  @Inject
  public MigrateStateMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "migrate-state";
  }

  @Override
  void executeGoal(GoalParameters parameters)
      throws MojoExecutionException, MojoFailureException {
    GoalSettings settings = parameters.settings();
    FailureTranslator failures = new FailureTranslator(settings);
    StateBackend source = null;
    StateBackend target = null;
    try {
      // Rejects an invalid app or stage name, as the engine would, before anything is read.
      settings.builder().build();
      Duration timeout = parameters.lockTimeout();
      SettingsServers servers = parameters.servers();
      String targetName = parameters.backendName();
      String fromOrigin = parameters.origin(PropertyNames.MIGRATE_FROM, "migrateFrom",
          migrateFrom);
      String sourceName = sourceName(fromOrigin);
      Path fromDir = migrateFromStateDir == null ? settings.stateDir()
          : parameters.resolve(migrateFromStateDir);
      checkDistinct(sourceName, fromOrigin, targetName, fromDir, settings.stateDir());
      source = parameters.backends(servers).open(sourceName, fromDir, "-D"
          + PropertyNames.MIGRATE_FROM_STATE_DIR + " or <migrateFromStateDir>",
          "The " + sourceName + " backend to copy from (from " + fromOrigin + ")");
      target = parameters.backend(settings, servers, false);
      failures = new FailureTranslator(settings.withStateNote("copying from the " + source.note()
          + "; to the " + target.note()));
      getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + " from " + sourceName
          + " state in " + source.location(settings.app(), settings.stage()) + " to "
          + targetName + " state in " + target.location(settings.app(), settings.stage())
          + (overwrite ? ", overwriting what the target holds" : ""));
      parameters.logLogin(source);
      parameters.logLogin(target);
      StateMigration.Copied copied = StateMigration.copyStage(source.store(), target.store(),
          settings.app(), settings.stage(), overwrite, timeout, MavenHints.INSTANCE);
      getLog().info("alchemy:" + goal() + " " + settings.stageFqn() + ": " + copied.summary());
      getLog().info("The " + sourceName + " state is unchanged. Deploy the stage from the "
          + targetName + " backend from now on, and keep the old state until the first"
          + " alchemy:up there shows no changes.");
    } catch (RuntimeException | ConfigurationProblem e) {
      throw failures.translate(e);
    } finally {
      StateBackend.closeQuietly(source);
      StateBackend.closeQuietly(target);
    }
  }

  private String sourceName(String origin) throws ConfigurationProblem {
    if (migrateFrom == null || migrateFrom.isBlank()) {
      throw new ConfigurationProblem(new ConfigurationProblem.Missing("alchemy:" + goal(),
          "the backend to copy from", "Name it with -D" + PropertyNames.MIGRATE_FROM
              + "=filesystem (or postgres, s3) or <migrateFrom> in the alchemy-maven-plugin"
              + " configuration; the target is the configured backend (-D"
              + PropertyNames.BACKEND + ")."));
    }
    return StateBackends.name(migrateFrom, "The backend to copy from", origin, "-D"
            + PropertyNames.MIGRATE_FROM + "=filesystem or <migrateFrom> in the"
            + " alchemy-maven-plugin configuration");
  }

  /** Source and target must be two places: two folders, or two kinds of backend. */
  private void checkDistinct(String sourceName, String fromOrigin, String targetName,
      Path fromDir, Path stateDir) throws ConfigurationProblem {
    if (!sourceName.equals(targetName)) {
      return;
    }
    if (!StateBackends.FILESYSTEM.equals(sourceName)) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid("<migrateFrom>",
          fromOrigin, "The backend to copy from and the configured backend are both "
              + sourceName + ", and one <" + sourceName + "> block configures both. To move a"
              + " stage between two " + sourceName + " locations, copy it in two steps through a"
              + " folder: first with -D" + PropertyNames.BACKEND + "=filesystem -D"
              + PropertyNames.STATE_DIR + "=<folder> -D" + PropertyNames.MIGRATE_FROM + "="
              + sourceName + " and the old settings, then with -D" + PropertyNames.MIGRATE_FROM
              + "=filesystem -D" + PropertyNames.MIGRATE_FROM_STATE_DIR + "=<folder> and the new"
              + " ones."));
    }
    if (fromDir.equals(stateDir)) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid("<migrateFromStateDir>",
          migrateFromStateDir == null ? "its default, the stateDir"
              : "-D" + PropertyNames.MIGRATE_FROM_STATE_DIR + " or <migrateFromStateDir>",
          "The folder to copy from and the target folder are both "
              + stateDir + ", so there is nothing to copy. Set the folder to copy from with -D"
              + PropertyNames.MIGRATE_FROM_STATE_DIR + "=<folder>, or the target with -D"
              + PropertyNames.STATE_DIR + "=<folder>."));
    }
  }
}
