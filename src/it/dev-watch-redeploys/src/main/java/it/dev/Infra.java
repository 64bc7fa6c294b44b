package it.dev;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.process.Spawn;
import io.alchemy.postgres.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** What verify.groovy edits while alchemy:dev runs: the text of the page. */
public class Infra implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String url = scope.spawn("server", Spawn.command(javaBin, "-cp", "target/classes",
            "it.dev.Server", "target/out/server.pid")
        .extract("Local: (\\S+)").timeout(Duration.ofSeconds(30)).build());
    TextFile.declare(scope, "page", TextFile.props("target/out/page.txt", "version 0"));
    TextFile.declare(scope, "url", TextFile.props("target/out/url.txt", url));
    // In alchemy:dev, on the session's embedded PostgreSQL.
    Database.Output db = Database.declare(scope, "db", Database.props("dev_app").build());
    TextFile.declare(scope, "db-url", TextFile.props("target/out/db.txt", db.jdbcUrl()));
    scope.onCleanup(() -> Files.writeString(Path.of("target/out/cleanup.txt"),
        "cleanup ran, local=" + scope.local() + " watch=" + scope.watch() + "\n",
        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }
}
