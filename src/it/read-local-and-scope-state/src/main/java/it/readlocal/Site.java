package it.readlocal;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/**
 * One file and two scopes' state, each telling the deployed stage from its local state, so the
 * log shows which of the two a read listed.
 */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String where = scope.local() ? "local" : "deployed";
    TextFile.declare(scope, "page",
        TextFile.props("target/out/" + where + ".html", "<p>" + where + "</p>"));
    scope.set("servedFrom", where);
    scope.run("storage", storage ->
        storage.set("token", storage.secret("read-it-token-" + where + "-71c3")));
  }
}
