package it.seed;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** The hierarchy of the Scopes document: my-app / dev / api, database, storage / images. */
public class SeedHierarchy implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "api", TextFile.props("target/out/api.txt", "api in " + scope.stage()));
    TextFile.declare(scope, "database", TextFile.props("target/out/database.txt", "database"));
    System.out.println("fqn " + scope.fqn("api"));
    scope.run("storage", storage -> {
      Folder.declare(storage, "images", Folder.props("target/out/images"));
      System.out.println("fqn " + storage.fqn("images"));
      System.out.println("chain " + storage.chain());
    });
    scope.run("services", services -> {
      System.out.println("physical name " + services.createPhysicalName("api"));
      System.out.println("short physical name " + services.createPhysicalName("db", "-", 20));
    });
  }
}
