package io.alchemy.maven;

import io.alchemy.core.Phase;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deploys the stage: creates, updates or replaces every resource the definition declares, then
 * deletes the resources it no longer declares. A definition that fails deletes nothing.
 *
 * <p>Bound to {@code deploy} when listed in the POM without a phase. Run directly ({@code mvn
 * alchemy:up}) it first compiles the project in a forked lifecycle up to {@code process-classes},
 * so a fresh checkout needs no separate compile step.
 */
@Mojo(name = "up", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true,
    configurator = MaskingConfigurator.ID,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class UpMojo extends AbstractAlchemyMojo {

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
}
