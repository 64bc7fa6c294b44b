package it.fresh;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Uses another class and a resource of the project, both only there once the project is built. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String greeting;
    try (InputStream in = Site.class.getResourceAsStream("/greeting.txt")) {
      greeting = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    TextFile.declare(scope, "greeting",
        TextFile.props("target/out/greeting.txt", Pages.shout(greeting)));
  }
}
