package it.insync;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** Two files; with -Dit.drift=true one has other content. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    boolean drift = Boolean.getBoolean("it.drift");
    TextFile.declare(scope, "config", TextFile.props("target/out/config.txt",
        drift ? "replicas=3" : "replicas=2"));
    TextFile.declare(scope, "motd", TextFile.props("target/out/motd.txt", "hello"));
  }
}
