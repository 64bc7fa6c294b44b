package it.multi.infra;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import it.multi.naming.Names;

/** Uses the sibling module's class, found on the reactor's classpath. */
public class Shop implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "orders", TextFile.props("target/out/orders.txt",
        Names.of(scope.appName(), scope.stage(), "orders")));
  }
}
