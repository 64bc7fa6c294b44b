package it.blank;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** A folder and a file that name the stage they were deployed to. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    Folder.declare(scope, "site", Folder.props("target/out/" + scope.stage()));
    TextFile.declare(scope, "index", TextFile.props("target/out/" + scope.stage() + "/index.html",
        "deployed to " + scope.stage()));
  }
}
