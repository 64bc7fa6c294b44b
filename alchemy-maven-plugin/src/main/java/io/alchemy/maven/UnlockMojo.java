package io.alchemy.maven;

import io.alchemy.core.state.LockInfo;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows who holds the stage's lock and, given its lock id, releases it by force, like Terraform's
 * {@code force-unlock}: {@code mvn alchemy:unlock -Dalchemy.stage=prod -Dalchemy.lockId=6f1c...}.
 * The id must be the current holder's, so a lock a later run took is never released. Works on
 * state alone: it neither compiles the project nor loads its definition.
 *
 * <p>The filesystem backend's lock is an operating-system lock that goes with its process; it
 * cannot be released by force and never goes stale, and this goal says which process holds it.
 */
@Mojo(name = "unlock", threadSafe = true, configurator = MaskingConfigurator.ID)
public class UnlockMojo extends AlchemyMojo {

  /** The id of the lock to release, as the waiting run's error message or this goal shows it. */
  @Parameter(property = PropertyNames.LOCK_ID)
  private String lockId;

  /** The goal, with Maven's decrypter of settings.xml passwords. */
  @Inject
  public UnlockMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "unlock";
  }

  @Override
  void executeGoal(GoalParameters parameters)
      throws MojoExecutionException, MojoFailureException {
    GoalSettings settings = parameters.settings();
    FailureTranslator failures = new FailureTranslator(settings);
    StateBackend backend = null;
    try {
      // Rejects an invalid app or stage name, as the engine would, before anything is read.
      settings.builder().build();
      backend = parameters.backend(settings, parameters.servers(), false);
      failures = new FailureTranslator(settings.withStateNote(backend.note()));
      parameters.logLogin(backend);
      String stage = settings.stageFqn();
      String where = backend.name() + " state in "
          + backend.location(settings.app(), settings.stage());
      Optional<LockInfo> holder = backend.store().lockHolder(settings.app(), settings.stage());
      boolean noId = lockId == null || lockId.isBlank();
      if (holder.isEmpty() && noId) {
        getLog().info("Stage " + stage + " is not locked (" + where + "): nothing to unlock.");
        return;
      }
      holder.ifPresent(lock -> getLog().info("Stage " + stage + " is locked: "
          + lock.describe() + " (" + where + ")."));
      if (noId) {
        getLog().info(StateBackends.FILESYSTEM.equals(backend.name())
            ? "The filesystem backend locks a stage with an operating-system lock, which belongs"
                + " to the process that holds it: it is released the moment that process ends,"
                + " never goes stale, and cannot be released by force. If that run hangs, stop"
                + " that process: " + holder.get().owner() + " on " + holder.get().host() + "."
                + " Do not delete the lock file."
            : "If that run crashed or hangs, release its lock by running this goal again with"
                + " its lock id: -D" + PropertyNames.LOCK_ID + "=" + holder.get().lockId()
                + " (and the same stage and backend settings). Only that lock is released; a"
                + " run that took the lock since is never affected.");
        return;
      }
      backend.store().forceUnlock(settings.app(), settings.stage(), lockId.trim());
      getLog().info("Released lock " + lockId.trim() + " of stage " + stage + " (" + where
          + "). The run that held it fails at its next write; run alchemy:up again to finish"
          + " what it left undone.");
    } catch (RuntimeException | ConfigurationProblem e) {
      throw failures.translate(e);
    } finally {
      StateBackend.closeQuietly(backend);
    }
  }
}
