package it.providers;

import io.alchemy.aws.S3Bucket;
import io.alchemy.aws.S3Endpoint;
import io.alchemy.aws.S3Object;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.ScopeOptions;
import io.alchemy.postgres.Database;
import io.alchemy.postgres.Role;
import io.alchemy.postgres.Schema;
import java.net.URI;

/**
 * A role with a password, a database it owns and a schema in it on the IT's PostgreSQL; a bucket
 * with an object in S3Mock. The plugin cannot configure an S3Endpoint, so the child scope of the
 * S3 resources gets this build's S3Mock from -Dit.s3.endpoint (set by setup.groovy).
 */
public class Infrastructure implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    Role.Output role = Role.declare(scope, "app-role", Role.props("it_providers_app")
        .login(true)
        .password(scope.secret("role-pw-4e81c09b"))
        .build());
    Database.Output db = Database.declare(scope, "app-db", Database.props("it_providers_db")
        .owner(role.name())
        .build());
    Schema.declare(scope, "reporting", Schema.props(db.name(), "reporting")
        .owner(role.name())
        .build());

    String endpoint = System.getProperty("it.s3.endpoint");
    if (endpoint == null) {
      throw new IllegalStateException("-Dit.s3.endpoint is not set");
    }
    scope.run("storage", ScopeOptions.defaults().credential(new S3Endpoint(URI.create(endpoint),
        true)), storage -> {
          S3Bucket.Output bucket = S3Bucket.declare(storage, "uploads",
              S3Bucket.props("it-providers-uploads").build());
          S3Object.declare(storage, "readme", S3Object.props(bucket.name(), "README.txt")
              .content("hello from " + storage.stage())
              .contentType("text/plain")
              .build());
        });
  }
}
