package it.up;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What verify.groovy edits while alchemy:up -Dalchemy.watch runs: the text of the page. */
public class Infra implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    TextFile.declare(scope, "page", TextFile.props("target/out/page.txt",
        "version 0 local=" + scope.local() + " watch=" + scope.watch()));
    scope.onCleanup(() -> Files.writeString(Path.of("target/out/cleanup.txt"),
        "cleanup ran, local=" + scope.local() + " watch=" + scope.watch() + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }
}
