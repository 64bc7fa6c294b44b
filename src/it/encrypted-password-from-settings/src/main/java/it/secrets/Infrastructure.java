package it.secrets;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.Scope;
import io.alchemy.core.secret.Secret;

/** A secret in a resource's props (and output) and in the stage scope's own state. */
public class Infrastructure implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    Secret token = scope.secret("tok-ITSECRET-a1b2c3d4");
    scope.resource("api-token", new TokenFile(),
        new TokenFile.Props("target/out/token.sha256", token));
    if (scope.phase() == Phase.READ) {
      // Proves the read goal decrypted the scope state, without printing the secret.
      Secret stored = scope.get("token", Secret.class).orElseThrow();
      System.out.println("read token sha256 " + TokenFile.sha256(stored.reveal()));
    } else {
      scope.set("token", token);
    }
  }
}
