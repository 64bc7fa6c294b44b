package it.providers;

import io.alchemy.aws.S3Bucket;
import io.alchemy.aws.S3Object;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.postgres.Database;
import io.alchemy.postgres.Role;
import io.alchemy.postgres.Schema;

/**
 * A role with a password, a database it owns and a schema in it on the IT's PostgreSQL; a bucket
 * with an object in S3Mock, whose address the POM's {@code <credentials><s3Endpoint>} takes from
 * -Dit.s3.endpoint (set by setup.groovy).
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

    // The S3 endpoint (this build's S3Mock) comes from <credentials><s3Endpoint> in the POM.
    scope.run("storage", storage -> {
      S3Bucket.Output bucket = S3Bucket.declare(storage, "uploads",
          S3Bucket.props("it-providers-uploads").build());
      S3Object.declare(storage, "readme", S3Object.props(bucket.name(), "README.txt")
          .content("hello from " + storage.stage())
          .contentType("text/plain")
          .build());
    });
  }
}
