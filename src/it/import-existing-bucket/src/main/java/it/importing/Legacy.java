package it.importing;

import io.alchemy.aws.S3Bucket;
import io.alchemy.aws.S3Object;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.Scope;

/**
 * Takes over a bucket and an object in it, both made outside Alchemy (by setup.groovy), by their
 * ids, and gives the object the declared content type. With -Dit.importMissing=true it imports
 * a bucket name no bucket has; with -Dit.imported=true the import options are gone from the code,
 * as after an import.
 */
public class Legacy implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    String name = Boolean.getBoolean("it.importMissing") ? "it-import-no-such-bucket"
        : "it-import-legacy-uploads";
    boolean importing = !Boolean.getBoolean("it.imported");
    S3Bucket.Output bucket = S3Bucket.declare(scope, "uploads", S3Bucket.props(name).build(),
        importing ? ResourceOptions.importing(name) : ResourceOptions.defaults());
    S3Object.declare(scope, "kept", S3Object.props(bucket.name(), "kept.txt")
            .content("made by hand")
            .contentType("text/plain")
            .build(),
        importing ? ResourceOptions.importing(name + "/kept.txt") : ResourceOptions.defaults());
  }
}
