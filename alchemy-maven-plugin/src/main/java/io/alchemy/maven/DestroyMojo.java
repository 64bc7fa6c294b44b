package io.alchemy.maven;

import io.alchemy.core.Phase;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deletes every resource of the stage, each only after what came after it in the run that declared
 * it (several at once where that order allows, up to {@code alchemy.parallelism}), and removes the
 * stage's state. Other stages are not touched. Destroy works from state: the definition runs in
 * the destroy phase, where it creates nothing, so that scope.phase() can be checked; if it fails
 * there, a warning says so and everything the state records is deleted all the same, each
 * resource with the credential settings it was made with. A stage with no state is left alone
 * without running the definition. The project is compiled first, as for {@code alchemy:up}.
 */
@Mojo(name = "destroy", threadSafe = true,
    configurator = MaskingConfigurator.ID, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DestroyMojo extends PhaseMojo {

  /** The goal, with Maven's decrypter of settings.xml passwords and the project's classes. */
  @Inject
  public DestroyMojo(SettingsDecrypter decrypter, ProjectClasses classes) {
    super(decrypter, classes);
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
