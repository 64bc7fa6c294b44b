package io.alchemy.maven;

import io.alchemy.core.Phase;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deploys the stage: creates, updates or replaces every resource the definition declares, then
 * deletes the resources it no longer declares. A definition that fails deletes nothing.
 *
 * <p>Bound to {@code deploy} when listed in the POM without a phase. Run directly ({@code mvn
 * alchemy:up}) it first compiles the project in a forked lifecycle up to {@code process-classes},
 * so a fresh checkout needs no separate compile step.
 *
 * <p>With {@code -Dalchemy.watch} it deploys, then keeps watching the project's sources,
 * resources and classes and redeploys after every change under one stage lock until Ctrl-C or
 * SIGTERM, as {@code alchemy:dev} does locally.
 */
@Mojo(name = "up", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true,
    configurator = MaskingConfigurator.ID,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class UpMojo extends AbstractAlchemyMojo {

  /** With {@code watch}: how long no further change must come before a redeploy, in ms. */
  @Parameter(property = PropertyNames.WATCH_DEBOUNCE, defaultValue = "200")
  private long debounceMillis;

  /**
   * With {@code watch}: end after this many runs, the first deploy included (for tests); 0
   * watches until stopped.
   */
  @Parameter(property = PropertyNames.WATCH_MAX_RUNS, defaultValue = "0")
  private int maxRuns;

  /** The goal, with Maven's decrypter of settings.xml passwords. */
  @Inject
  public UpMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "up";
  }

  @Override
  protected Phase phase() {
    return Phase.UP;
  }

  @Override
  protected WatchSettings watchSettings() throws MojoFailureException {
    return WatchSettings.of(debounceMillis,
        origin(PropertyNames.WATCH_DEBOUNCE, "debounceMillis", String.valueOf(debounceMillis)),
        maxRuns, origin(PropertyNames.WATCH_MAX_RUNS, "maxRuns", String.valueOf(maxRuns)));
  }
}
