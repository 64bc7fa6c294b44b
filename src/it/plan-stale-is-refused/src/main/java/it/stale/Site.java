package it.stale;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** One page whose content is the version: -Dit.version, else 1. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String version = System.getProperty("it.version", "1");
    TextFile.declare(scope, "page", TextFile.props("target/out/page.txt", "v" + version));
    TextFile.declare(scope, "about", TextFile.props("target/out/about.txt", "about"));
  }
}
