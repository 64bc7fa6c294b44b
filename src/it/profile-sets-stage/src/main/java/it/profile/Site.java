package it.profile;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** Writes the stage it runs in. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String file = "target/out/" + scope.stage() + ".txt";
    TextFile.declare(scope, "stage", TextFile.props(file, scope.stage()));
  }
}
