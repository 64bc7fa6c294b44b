package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.Plan;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Checks that the stage's resources are as state recorded them, for CI: reads every deployed
 * resource live (as {@code alchemy:plan -Dalchemy.refresh} does), prints what someone changed
 * ({@code ! drifted}, with each prop that differs as {@code live -> recorded}) or deleted ({@code
 * ! deleted ...: deleted outside Alchemy}) outside Alchemy, and fails the build when anything
 * drifted. It changes nothing: repair the drift with {@code alchemy:up -Dalchemy.refresh}. What
 * the definition itself would change is not drift; {@code alchemy:plan} shows that. With {@code
 * -Dalchemy.eventsFile} each drifted resource is also a {@code drift} event, for CI.
 */
@Mojo(name = "drift", threadSafe = true,
    configurator = MaskingConfigurator.ID, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DriftMojo extends PhaseMojo {

  /** The goal, with Maven's decrypter of settings.xml passwords and the project's classes. */
  @Inject
  public DriftMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter, classes);
  }

  @Override
  protected String goal() {
    return "drift";
  }

  @Override
  protected Phase phase() {
    return Phase.PLAN;
  }

  /** Drift is found by reading the live resources: this goal always does. */
  @Override
  GoalSettings prepare(Alchemy.Builder builder, GoalSettings settings, GoalParameters parameters) {
    builder.refresh(true);
    return settings;
  }

  /**
   * Plans with live reads, prints the drift, and fails the build when there is some.
   *
   * @return {@code null}: a drift check deploys nothing
   */
  @Override
  RunResult runOnce(Alchemy alchemy, InfrastructureDefinition definition, GoalSettings settings,
      GoalParameters parameters) throws MojoFailureException {
    long started = System.nanoTime();
    Plan plan = alchemy.plan(definition);
    long millis = (System.nanoTime() - started) / 1_000_000;
    // The run's listener logged each drift as it was found (and wrote it to the events file).
    if (plan.hasDrift()) {
      throw new MojoFailureException("alchemy:drift of " + settings.stageFqn() + " found "
          + plan.count(Drift.Kind.DRIFTED) + " resource(s) changed and "
          + plan.count(Drift.Kind.DELETED) + " deleted outside Alchemy: "
          + String.join(", ", plan.drift().stream().map(Drift::fqn).toList()) + ". Repair them"
          + " with mvn alchemy:up -D" + PropertyNames.REFRESH + " (alchemy:plan -D"
          + PropertyNames.REFRESH + " shows what it would do), or change the definition to what"
          + " they now are. Nothing was changed.");
    }
    getLog().info("alchemy:drift " + settings.stageFqn() + ": no drift; read in " + millis
        + " ms, nothing was changed");
    return null;
  }
}
