package it.events;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** Two resources; with -Dit.fail the definition throws after declaring them. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    Folder.declare(scope, "site", Folder.props("target/out/site"));
    scope.run("pages", pages ->
        TextFile.declare(pages, "index", TextFile.props("target/out/site/index.html", "<h1>hi</h1>")));
    if (Boolean.getBoolean("it.fail")) {
      throw new IllegalStateException("simulated failure");
    }
  }
}
