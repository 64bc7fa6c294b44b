package io.alchemy.maven;

import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.StateSettings;
import io.alchemy.maven.BlockSettings.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.settings.Server;

/**
 * {@code <s3>}: where the {@code s3} state backend keeps state, in AWS S3 or an S3-compatible
 * store.
 *
 * <pre>{@code
 * <s3>
 *   <bucket>my-team-infra-state</bucket>
 *   <region>eu-central-1</region>
 *   <serverId>infra-state-bucket</serverId>   <!-- settings.xml: <username> = access key id, <password> = secret key -->
 * </s3>
 * }</pre>
 *
 * <p>Every element but the keys may also be given as a property, e.g. {@code
 * -Dalchemy.s3.bucket=...}; an element written in the block wins. Credentials come from {@code
 * <serverId>}, or from {@code <accessKeyId>} and {@code <secretAccessKey>}, never both; with
 * neither, the AWS SDK's default credentials chain applies.
 */
public class S3StateConfiguration {

  static final String BLOCK = "s3";

  private static final String SERVER_MEANING = "for the s3 state backend, its <username> is the"
      + " access key id and its <password> the secret access key";

  /** An existing bucket; required. */
  private String bucket;

  /** The key prefix; default {@code alchemy}. */
  private String prefix;

  /** The region; default the AWS environment's ({@code us-east-1} with an endpoint override). */
  private String region;

  /** The URL of an S3-compatible store. */
  private String endpointOverride;

  /** {@code true} for path-style URLs; default {@code false}. */
  private String pathStyle;

  /** A settings.xml server: username = access key id, password = secret access key. */
  private String serverId;

  /** The access key id, with {@link #secretAccessKey}, instead of {@link #serverId}. */
  private SecretParameter accessKeyId;

  /** The secret access key, with {@link #accessKeyId}, instead of {@link #serverId}. */
  private SecretParameter secretAccessKey;

  /** How long a lock stays valid without renewal: ISO-8601 or seconds; default 60 s. */
  private String lease;

  /** For Maven's configurator. */
  public S3StateConfiguration() {}

  /**
   * What the block and the properties say, checked.
   *
   * @param backendOrigin what needs the block, for messages
   * @throws ConfigurationProblem when the bucket is missing or a value is invalid, credentials
   *     are given twice or by halves, or their server is missing or incomplete
   */
  BackendSettings resolve(UserProperties properties, SettingsServers servers, String where,
      String backendOrigin) throws ConfigurationProblem {
    BlockSettings block = new BlockSettings(BLOCK, where, properties);
    Setting bucketName = block.get("bucket", bucket, PropertyNames.S3_BUCKET);
    Setting keyPrefix = block.get("prefix", prefix, PropertyNames.S3_PREFIX);
    Setting regionName = block.get("region", region, PropertyNames.S3_REGION);
    Setting endpoint = block.get("endpointOverride", endpointOverride,
        PropertyNames.S3_ENDPOINT_OVERRIDE);
    Setting paths = block.get("pathStyle", pathStyle, PropertyNames.S3_PATH_STYLE);
    Setting server = block.get("serverId", serverId, PropertyNames.S3_SERVER_ID);
    Setting leaseTime = block.get("lease", lease, PropertyNames.S3_LEASE);
    Setting keyId = block.secret("accessKeyId", accessKeyId);
    Setting secretKey = block.secret("secretAccessKey", secretAccessKey);
    if (!bucketName.isSet()) {
      throw new ConfigurationProblem(new ConfigurationProblem.Missing(backendOrigin,
          block.element("bucket"), "Set <bucket>my-team-infra-state</bucket> (an existing"
              + " bucket) in the <s3> block of " + where + ", or -D" + PropertyNames.S3_BUCKET
              + "=my-team-infra-state."));
    }
    StateSettings settings = StateSettings.none().with("bucket", bucketName.value())
        .with("region", regionName.value());
    Map<String, String> origins = new HashMap<>();
    origins.put("bucket", bucketName.origin());
    if (keyPrefix.isSet()) {
      settings = settings.with("prefix", keyPrefix.value());
      origins.put("prefix", keyPrefix.origin());
    } else if (prefix != null) {
      settings = settings.with("prefix", "/");   // <prefix></prefix>: the bucket's root
    }
    if (endpoint.isSet()) {
      settings = settings.with("endpointOverride", endpoint(endpoint, block).toString());
      origins.put("endpointOverride", endpoint.origin());
    }
    if (paths.isSet()) {
      settings = settings.with("pathStyle",
          String.valueOf(flag(paths, block.element("pathStyle"))));
    }
    if (leaseTime.isSet()) {
      Duration leaseDuration = Durations.parse(leaseTime.value());
      if (leaseDuration == null) {
        throw new ConfigurationProblem(new ConfigurationProblem.Invalid(block.element("lease"),
            leaseTime.origin(), "The S3 state lock lease '" + leaseTime.value() + "' is neither an"
                + " ISO-8601 duration (PT60S) nor a number of seconds (60)."));
      }
      settings = settings.with("lease", leaseDuration.toString());
      origins.put("lease", leaseTime.origin());
    }
    Credentials credentials = credentials(block, server, keyId, secretKey, servers);
    if (credentials.id() != null) {
      settings = settings.withSecret("accessKeyId", Secret.of(credentials.id()))
          .withSecret("secretAccessKey", credentials.secret());
    }
    String note = "s3 state backend {where}: bucket from " + bucketName.origin()
        + (endpoint.isSet() ? ", endpointOverride from " + endpoint.origin() : "")
        + "; credentials from " + credentials.login();
    // The bucket name and the lease are checked by the backend, which names what it refuses.
    return new BackendSettings(BLOCK, where, settings, origins,
        "credentials from " + credentials.login(), note);
  }

  /** Where the credentials came from, and them, when given. */
  private record Credentials(String login, String id, Secret secret) {}

  private static Credentials credentials(BlockSettings block, Setting server, Setting keyId,
      Setting secretKey, SettingsServers servers) throws ConfigurationProblem {
    if (server.isSet() && (keyId.isSet() || secretKey.isSet())) {
      throw new ConfigurationProblem(new ConfigurationProblem.Conflict(
          block.element("serverId"), server.origin().startsWith(block.element("serverId"))
              ? block.where() : server.origin(),
          block.element("accessKeyId") + "/<secretAccessKey>", block.where(), "serverId"));
    }
    if (server.isSet()) {
      String referencedBy = block.element("serverId") + " from " + server.origin();
      Server decrypted = servers.server(server.value(), referencedBy,
          "<username>ACCESS_KEY_ID</username><password>SECRET_ACCESS_KEY</password>");
      String id = SettingsServers.require(decrypted, decrypted.getUsername(), "<username>",
          referencedBy, SERVER_MEANING);
      String secret = SettingsServers.require(decrypted, decrypted.getPassword(), "<password>",
          referencedBy, SERVER_MEANING);
      return new Credentials("settings.xml server '" + server.value() + "' (named by "
          + server.origin() + ")", id, Secret.of(secret));
    }
    if (keyId.isSet() != secretKey.isSet()) {
      throw new ConfigurationProblem(new ConfigurationProblem.Incomplete("<s3>", block.where(),
          keyId.isSet() ? "<accessKeyId>" : "<secretAccessKey>",
          keyId.isSet() ? "<secretAccessKey>" : "<accessKeyId>",
          "set both, or <serverId> to read both from a settings.xml server, or neither to use the"
              + " AWS SDK's default credentials chain"));
    }
    if (keyId.isSet()) {
      return new Credentials("<accessKeyId>/<secretAccessKey> in " + block.where(),
          keyId.value(), Secret.of(secretKey.value()));
    }
    return new Credentials("the AWS SDK's default credentials chain", null, null);
  }

  private static URI endpoint(Setting endpoint, BlockSettings block) throws ConfigurationProblem {
    URI uri;
    try {
      uri = URI.create(endpoint.value());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null ? ""
        : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri == null || uri.getHost() == null || !(scheme.equals("http")
        || scheme.equals("https"))) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid(
          block.element("endpointOverride"), endpoint.origin(), "The S3 endpoint override '"
              + endpoint.value() + "' is not an http or https URL. Set it like"
              + " http://minio.example.com:9000 or https://<account>.r2.cloudflarestorage.com."));
    }
    return uri;
  }

  private static boolean flag(Setting setting, String element) throws ConfigurationProblem {
    String value = setting.value().toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new ConfigurationProblem(new ConfigurationProblem.Invalid(element, setting.origin(),
        element + " is '" + setting.value() + "', which is neither true nor false."));
  }

  /** Names what is set, never a key. */
  @Override
  public String toString() {
    return "s3[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region
        + ", endpointOverride=" + endpointOverride + ", pathStyle=" + pathStyle + ", serverId="
        + serverId + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + secretAccessKey
        + ", lease=" + lease + "]";
  }
}
