package it.masked;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;

/** A token file whose secret is replaced in version 2 (-Dit.version=2). */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    boolean v2 = "2".equals(System.getProperty("it.version"));
    scope.resource("api-token", new TokenFile(), new TokenFile.Props(
        "target/out/token.sha256",
        scope.secret(v2 ? "tok-PLANSECRET-two-1a2b3c" : "tok-PLANSECRET-one-9f8e7d")));
  }
}
