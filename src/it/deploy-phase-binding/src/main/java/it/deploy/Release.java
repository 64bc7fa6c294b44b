package it.deploy;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** One file, deployed as part of mvn deploy. */
public class Release implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "release", TextFile.props("target/out/release.txt", "released"));
  }
}
