package it.failing;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** With -Dit.fail the storage scope throws before it declares "index", and "last" is never reached. */
public class Shop implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "first", TextFile.props("target/out/first.txt", "first"));
    scope.run("storage", storage -> {
      Folder.declare(storage, "images", Folder.props("target/out/images"));
      if (Boolean.getBoolean("it.fail")) {
        throw new IllegalStateException("quota exceeded (simulated)");
      }
      TextFile.declare(storage, "index", TextFile.props("target/out/images/index.txt", "index"));
    });
    TextFile.declare(scope, "last", TextFile.props("target/out/last.txt", "last"));
  }
}
