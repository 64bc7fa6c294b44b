package it.read;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** Two resources; in the read phase the outputs come from state. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    Folder.declare(scope, "site", Folder.props("target/out/site"));
    TextFile.Output page = TextFile.declare(scope, "page",
        TextFile.props("target/out/site/index.html", "<h1>" + scope.stage() + "</h1>"));
    System.out.println("phase " + scope.phase() + " page size " + page.size());
  }
}
