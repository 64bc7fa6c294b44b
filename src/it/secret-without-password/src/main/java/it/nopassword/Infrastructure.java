package it.nopassword;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;

/** A secret in a resource's props, in a run that has no password to encrypt it with. */
public class Infrastructure implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    scope.resource("api-token", new TokenFile(),
        new TokenFile.Props("target/out/token.sha256", scope.secret("tok-NOPASSWORD-9e8d7c")));
  }
}
