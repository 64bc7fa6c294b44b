package it.fresh;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/** A folder, a page using the folder's output, and a child scope keeping a value. */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    System.out.println("phase " + scope.phase());
    Folder.Output site = Folder.declare(scope, "site", Folder.props("target/out/site"));
    TextFile.declare(scope, "page", TextFile.props("target/out/site/page.txt",
        "in " + site.path()));
    scope.run("docs", docs -> {
      TextFile.declare(docs, "readme", TextFile.props("target/out/docs/README", "read me"));
      docs.set("release", "1.0");
    });
  }
}
