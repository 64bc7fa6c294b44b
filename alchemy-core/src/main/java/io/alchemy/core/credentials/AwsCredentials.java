package io.alchemy.core.credentials;

import io.alchemy.core.secret.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * Credentials for AWS and S3-compatible providers.
 *
 * @param accessKeyId the access key id; may be {@code null} to use the SDK's default chain
 * @param secretAccessKey the secret access key; {@code null} with {@code accessKeyId}
 * @param region the region, e.g. {@code us-east-1}
 */
public record AwsCredentials(String accessKeyId, Secret secretAccessKey, String region)
    implements RecordableCredential {

  /** Checks that the key id and the secret come together. */
  public AwsCredentials {
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("AWS credentials need both an access key id and a"
          + " secret access key, or neither (to use the SDK's default chain)");
    }
  }

  /** A copy in another region, e.g. for the seed's {@code eu-services} scope. */
  public AwsCredentials withRegion(String region) {
    return new AwsCredentials(accessKeyId, secretAccessKey, Objects.requireNonNull(region));
  }

  /** Records the region only: the keys are never written to state. */
  @Override
  public Map<String, String> settings() {
    return region == null ? Map.of() : Map.of("region", region);
  }

  /** A copy in the recorded region, with these keys. */
  @Override
  public AwsCredentials withSettings(Map<String, String> settings) {
    String recorded = settings.get("region");
    return recorded == null ? this : withRegion(recorded);
  }

  /**
   * Credentials of the SDK's default chain in the recorded region, for a resource whose scope
   * had AWS credentials where the scope deleting it has none.
   */
  static AwsCredentials fromSettings(Map<String, String> settings) {
    return new AwsCredentials(null, null, settings.get("region"));
  }

  /** Shows the region and only the first four characters of the key id. */
  @Override
  public String toString() {
    String id = accessKeyId == null ? "default chain"
        : accessKeyId.substring(0, Math.min(4, accessKeyId.length())) + "****";
    return "AwsCredentials[accessKeyId=" + id + ", region=" + region + "]";
  }
}
