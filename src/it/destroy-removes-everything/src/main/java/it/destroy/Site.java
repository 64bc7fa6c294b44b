package it.destroy;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** A folder with files in it, in the stage scope and in a child scope. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    Folder.declare(scope, "site", Folder.props("target/out/site"));
    TextFile.declare(scope, "index", TextFile.props("target/out/site/index.html", "home"));
    scope.run("assets", assets -> {
      Folder.declare(assets, "css", Folder.props("target/out/site/css"));
      TextFile.declare(assets, "style", TextFile.props("target/out/site/css/style.css", "body{}"));
    });
  }
}
