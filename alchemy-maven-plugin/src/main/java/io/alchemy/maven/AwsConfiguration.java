package io.alchemy.maven;

import static io.alchemy.maven.CredentialConfiguration.blankToNull;
import static io.alchemy.maven.CredentialConfiguration.checkResolved;

import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.secret.Secret;
import org.apache.maven.settings.Server;

/**
 * {@code <credentials><aws>}: AWS credentials for providers of AWS and S3-compatible services.
 *
 * <pre>{@code
 * <aws>
 *   <region>us-east-1</region>
 *   <serverId>aws-prod</serverId>   <!-- settings.xml: <username> = access key id, <password> = secret key -->
 * </aws>
 * }</pre>
 *
 * <p>Either {@code <serverId>}, or {@code <accessKeyId>} with {@code <secretAccessKey>} (e.g. as
 * {@code ${env.AWS_SECRET_ACCESS_KEY}}), or neither: then providers use the AWS SDK's default
 * credentials chain.
 */
public class AwsConfiguration implements CredentialConfiguration {

  private static final String BLOCK = "<credentials><aws>";
  private static final String SERVER_MEANING =
      "for AWS, its <username> is the access key id and its <password> the secret access key";

  /** The region, e.g. {@code us-east-1}; optional. */
  private String region;

  /** The access key id; with {@link #secretAccessKey}, instead of {@link #serverId}. */
  private SecretParameter accessKeyId;

  /** The secret access key; with {@link #accessKeyId}, instead of {@link #serverId}. */
  private SecretParameter secretAccessKey;

  /** A settings.xml server: username = access key id, password = secret access key. */
  private String serverId;

  /** For Maven's configurator. */
  public AwsConfiguration() {}

  @Override
  public String element() {
    return "aws";
  }

  @Override
  public Resolved resolve(SettingsServers servers, String where) throws ConfigurationProblem {
    checkResolved(BLOCK, "region", region, where);
    checkResolved(BLOCK, "serverId", serverId, where);
    checkResolved(BLOCK, "accessKeyId", accessKeyId == null ? null : accessKeyId.reveal(),
        where);
    checkResolved(BLOCK, "secretAccessKey",
        secretAccessKey == null ? null : secretAccessKey.reveal(), where);
    String regionName = blankToNull(region);
    String regionNote = regionName == null ? ", default region" : ", region " + regionName;
    boolean hasId = accessKeyId != null && !accessKeyId.isEmpty();
    boolean hasSecret = secretAccessKey != null && !secretAccessKey.isEmpty();
    String server = blankToNull(serverId);
    if (server != null && (hasId || hasSecret)) {
      throw new ConfigurationProblem(new ConfigurationProblem.Conflict(
          BLOCK + "<serverId>", where, BLOCK + "<accessKeyId>/<secretAccessKey>", where,
          "serverId"));
    }
    if (server != null) {
      String referencedBy = BLOCK + "<serverId> in " + where;
      Server decrypted = servers.server(server, referencedBy,
          "<username>ACCESS_KEY_ID</username><password>SECRET_ACCESS_KEY</password>");
      String id = SettingsServers.require(decrypted, decrypted.getUsername(), "<username>",
          referencedBy, SERVER_MEANING);
      String secret = SettingsServers.require(decrypted, decrypted.getPassword(), "<password>",
          referencedBy, SERVER_MEANING);
      return new Resolved(new AwsCredentials(id, Secret.of(secret), regionName),
          "settings.xml server '" + server + "'" + regionNote);
    }
    if (hasId != hasSecret) {
      throw new ConfigurationProblem(new ConfigurationProblem.Incomplete(BLOCK, where,
          hasId ? "<accessKeyId>" : "<secretAccessKey>",
          hasId ? "<secretAccessKey>" : "<accessKeyId>",
          "set both, or <serverId> to read both from a settings.xml server, or neither to use the"
              + " AWS SDK's default credentials chain"));
    }
    if (hasId) {
      return new Resolved(new AwsCredentials(accessKeyId.reveal(),
          Secret.of(secretAccessKey.reveal()), regionName),
          "<accessKeyId>/<secretAccessKey>" + regionNote);
    }
    return new Resolved(new AwsCredentials(null, null, regionName),
        "the AWS SDK's default credentials chain" + regionNote);
  }

  /** Names what is set, never a value. */
  @Override
  public String toString() {
    return "aws[region=" + region + ", serverId=" + serverId + ", accessKeyId=" + accessKeyId
        + ", secretAccessKey=" + secretAccessKey + "]";
  }
}
