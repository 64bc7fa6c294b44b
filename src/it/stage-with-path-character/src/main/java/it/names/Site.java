package it.names;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** Says when it is created, so the test can tell that names are checked before user code runs. */
public class Site implements InfrastructureDefinition {

  public Site() {
    System.out.println("definition constructed");
  }

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "page", TextFile.props("target/out/page.txt", "page"));
  }
}
