package it.quiet;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** Two files, reported only in the summary. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    System.out.println("quiet " + scope.quiet());
    TextFile.declare(scope, "a", TextFile.props("target/out/a.txt", "a"));
    scope.run("child", child -> TextFile.declare(child, "b", TextFile.props("target/out/b.txt", "b")));
  }
}
