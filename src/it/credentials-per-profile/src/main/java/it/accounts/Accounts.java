package it.accounts;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.fs.TextFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Records which AWS account the stage scope saw: the region and hashes of the keys, never the keys.
 */
public class Accounts implements InfrastructureDefinition {

  @Override
  public void define(Scope scope) throws Exception {
    AwsCredentials aws = scope.providerCredentials().require(AwsCredentials.class);
    TextFile.declare(scope, "account", TextFile.props("target/out/" + scope.stage() + ".txt",
        "region=" + aws.region() + "\n"
            + "accessKeyIdSha256=" + sha256(aws.accessKeyId()) + "\n"
            + "secretAccessKeySha256=" + sha256(aws.secretAccessKey().reveal()) + "\n"));
  }

  private static String sha256(String value) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(value.getBytes(StandardCharsets.UTF_8)));
  }
}
