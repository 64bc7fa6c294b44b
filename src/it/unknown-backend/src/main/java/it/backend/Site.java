package it.backend;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** Two files, one in a child scope, and a value in the stage scope's own state. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    scope.set("greeting", "hello " + scope.stage());
    TextFile.declare(scope, "index", TextFile.props("target/out/index.html",
        "<h1>" + scope.stage() + "</h1>"));
    scope.run("docs", docs ->
        TextFile.declare(docs, "guide", TextFile.props("target/out/docs/guide.txt", "guide")));
  }
}
