package it.orphans;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/** Declares "extra" and the child scope "cache" only while -Dit.dropExtras is not set. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "keep", TextFile.props("target/out/keep.txt", "kept"));
    if (!Boolean.getBoolean("it.dropExtras")) {
      TextFile.declare(scope, "extra", TextFile.props("target/out/extra.txt", "extra"));
      scope.run("cache", cache ->
          TextFile.declare(cache, "entries", TextFile.props("target/out/cache/entries.txt", "1")));
    }
  }
}
