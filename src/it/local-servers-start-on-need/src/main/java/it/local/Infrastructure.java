package it.local;

import io.alchemy.aws.S3Bucket;
import io.alchemy.aws.S3Object;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import io.alchemy.postgres.Database;

public class Infrastructure implements InfrastructureDefinition {
  @Override
  public void define(Scope scope) throws Exception {
    Database.Output db = Database.declare(scope, "app-db", Database.props("shop").build());
    S3Bucket.Output site = S3Bucket.declare(scope, "site",
        S3Bucket.props("local-start-site").build());
    // -Dit.page=v2 changes the object only: that run needs S3Mock, not PostgreSQL.
    S3Object.declare(scope, "page", S3Object.props(site.name(), "index.html")
        .content(System.getProperty("it.page", "v1")).build());
    // The recorded URL, usable while a run holds the server.
    TextFile.declare(scope, "urls", TextFile.props("target/out/urls.txt", db.jdbcUrl() + "\n"));
  }
}
