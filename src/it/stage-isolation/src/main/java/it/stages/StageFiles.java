package it.stages;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** The same files in every stage, each stage in its own folder. Named in the POM, not registered. */
public class StageFiles implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String dir = "target/out/" + scope.stage();
    scope.run("storage", storage -> Folder.declare(storage, "data", Folder.props(dir + "/data")));
    TextFile.declare(scope, "config", TextFile.props(dir + "/config.txt", "stage " + scope.stage()));
  }
}
