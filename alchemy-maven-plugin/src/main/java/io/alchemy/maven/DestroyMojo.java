package io.alchemy.maven;

import io.alchemy.core.Phase;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deletes every resource of the stage, newest first, and removes the stage's state. Other stages
 * are not touched. The definition still runs (in the destroy phase, where it creates nothing), so
 * the project is compiled first as for {@code alchemy:up}.
 */
@Mojo(name = "destroy", threadSafe = true,
    configurator = MaskingConfigurator.ID, requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class DestroyMojo extends AbstractAlchemyMojo {

  /** The goal, with Maven's decrypter of settings.xml passwords. */
  @Inject
  public DestroyMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "destroy";
  }

  @Override
  protected Phase phase() {
    return Phase.DESTROY;
  }
}
