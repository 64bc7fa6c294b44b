package it.nomodule;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import io.alchemy.postgres.Database;

public class Infrastructure implements InfrastructureDefinition {
  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "notes", TextFile.props("target/out/notes.txt", "local notes"));
    Database.declare(scope, "app-db", Database.props("shop").build());
  }
}
