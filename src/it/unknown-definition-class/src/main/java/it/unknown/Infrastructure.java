package it.unknown;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** The class the user meant. Not registered in META-INF/services. */
public class Infrastructure implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "page", TextFile.props("target/out/page.txt", "page"));
  }
}
