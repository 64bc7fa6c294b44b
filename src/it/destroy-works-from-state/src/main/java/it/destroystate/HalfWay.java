package it.destroystate;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;

/**
 * Uses an output as if it always existed, as definitions do: in the destroy phase a resource that
 * is not in state returns null, so this throws a NullPointerException there, unless everything
 * was deployed. With -Dit.fail it fails half way through up.
 */
public class HalfWay implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.Output first = TextFile.declare(scope, "first",
        TextFile.props("target/out/first.txt", "first"));
    scope.run("child", child ->
        TextFile.declare(child, "copy", TextFile.props(first.path() + ".copy", "copy")));
    if (Boolean.getBoolean("it.fail")) {
      throw new IllegalStateException("failing half way, as asked");
    }
    TextFile.Output later = TextFile.declare(scope, "later",
        TextFile.props("target/out/later.txt", "later"));
    TextFile.declare(scope, "uses-later", TextFile.props(later.path() + ".copy", "x"));
  }
}
