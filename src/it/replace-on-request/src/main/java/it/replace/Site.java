package it.replace;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** The same two files in every run. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "page", TextFile.props("target/out/page.txt", "same"));
    scope.run("site", site ->
        TextFile.declare(site, "index", TextFile.props("target/out/site/index.txt", "same")));
  }
}
