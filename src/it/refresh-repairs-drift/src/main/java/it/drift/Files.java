package it.drift;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** Two files, which the IT edits and deletes by hand between runs. */
public class Files implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "config", TextFile.props("target/out/config.txt", "config v1"));
    TextFile.declare(scope, "notes", TextFile.props("target/out/notes.txt", "notes v1"));
  }
}
