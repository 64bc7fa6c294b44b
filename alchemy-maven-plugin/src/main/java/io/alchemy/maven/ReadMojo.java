package io.alchemy.maven;

import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import java.util.Comparator;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints the stage's resources and their outputs, changing nothing: no provider is called to
 * change anything, no state is written and no lock is taken. The definition runs in the read
 * phase, so a resource it declares that was never deployed is reported as an error.
 */
@Mojo(name = "read", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class ReadMojo extends AbstractAlchemyMojo {

  @Override
  protected String goal() {
    return "read";
  }

  @Override
  protected Phase phase() {
    return Phase.READ;
  }

  /** Lists every record of the stage with its output, oldest first, as in state. */
  @Override
  protected void afterRun(RunResult result, StateStore store) {
    try (StageState state = store.open(result.app(), result.stage(), AccessMode.READ)) {
      getLog().info("Resources of " + result.app() + "/" + result.stage() + " ("
          + state.resources().size() + ", state in " + state.location() + "):");
      state.resources().values().stream()
          .sorted(Comparator.comparingLong(ResourceRecord::seq))
          .forEach(r -> getLog().info("  " + r.fqn() + " (" + r.type() + ", "
              + r.status().name().toLowerCase(Locale.ROOT) + ") output: "
              + r.output()));
    }
  }
}
