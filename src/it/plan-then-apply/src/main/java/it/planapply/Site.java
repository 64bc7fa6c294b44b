package it.planapply;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.Folder;
import io.alchemy.core.fs.TextFile;

/**
 * Version 1, or with -Dit.version=2: page changes (an update), index uses page's output (known
 * only after up), moved gets another path (a replacement), gone goes (a deletion), news comes
 * (a creation in a child scope), site stays.
 */
public class Site implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    boolean v2 = "2".equals(System.getProperty("it.version"));
    System.out.println("phase " + scope.phase() + " version " + (v2 ? 2 : 1));
    Folder.declare(scope, "site", Folder.props("target/out/site"));
    TextFile.Output page = TextFile.declare(scope, "page",
        TextFile.props("target/out/site/page.html", v2 ? "<h1>v2</h1>" : "<h1>v1</h1>"));
    TextFile.declare(scope, "index",
        TextFile.props("target/out/site/index.txt", "page " + page.sha256()));
    TextFile.declare(scope, "moved", TextFile.props(
        v2 ? "target/out/site/new-place.txt" : "target/out/site/old-place.txt", "moving"));
    if (v2) {
      scope.run("news", news -> TextFile.declare(news, "latest",
          TextFile.props("target/out/site/news.txt", "news")));
    } else {
      TextFile.declare(scope, "gone", TextFile.props("target/out/site/gone.txt", "bye"));
    }
  }
}
