package io.alchemy.state.s3;

import io.alchemy.core.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where an {@link S3StateStore} keeps state. Its {@link #toString()} never shows the secret key.
 *
 * <pre>{@code
 * S3StateConfig config = S3StateConfig.builder("my-team-infra-state")
 *     .prefix("alchemy")
 *     .region("eu-central-1")
 *     .build();
 * }</pre>
 *
 * @param bucket the bucket; it must exist, Alchemy never creates buckets
 * @param prefix the key prefix under which every app's state lives, without slashes at either
 *     end; {@code ""} for the bucket's root
 * @param region the region, e.g. {@code eu-central-1}; {@code null} takes it from the AWS
 *     environment (or {@code us-east-1} with an {@code endpointOverride})
 * @param endpointOverride the endpoint of an S3-compatible store (MinIO, Cloudflare R2, ...);
 *     {@code null} for AWS S3
 * @param pathStyle path-style URLs ({@code https://host/bucket/key}), which most S3-compatible
 *     stores need
 * @param accessKeyId the access key id; {@code null} uses the AWS default credentials chain
 *     (environment, profile, instance role)
 * @param secretAccessKey the secret access key that goes with {@code accessKeyId}
 * @param lease how long a lock stays valid without renewal; a crashed run's lock can be taken
 *     over after it. The holder renews it every third of it.
 */
public record S3StateConfig(
    String bucket,
    String prefix,
    String region,
    URI endpointOverride,
    boolean pathStyle,
    String accessKeyId,
    Secret secretAccessKey,
    Duration lease) {

  /** The prefix used when none is configured. */
  public static final String DEFAULT_PREFIX = "alchemy";

  /** The lease used when none is configured. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** Validates the settings and normalizes the prefix. */
  public S3StateConfig {
    Objects.requireNonNull(bucket, "bucket");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("The S3 state bucket '" + bucket + "' is not a valid"
          + " bucket name (3 to 63 lower-case letters, digits, dots and hyphens, starting and"
          + " ending with a letter or digit). Set the name of an existing bucket.");
    }
    prefix = prefix == null ? DEFAULT_PREFIX : trimSlashes(prefix.trim());
    lease = lease == null ? DEFAULT_LEASE : lease;
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("The S3 state lock lease " + lease + " is shorter than"
          + " a second. Set it to at least PT1S; the default is " + DEFAULT_LEASE + ".");
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("The S3 state credentials have "
          + (accessKeyId == null ? "a secret access key but no access key id"
              : "an access key id but no secret access key")
          + ". Set both (e.g. from a settings.xml server), or neither to use the AWS default"
          + " credentials chain.");
    }
  }

  /** A builder for {@code bucket}, with the default prefix, lease and credentials chain. */
  public static Builder builder(String bucket) {
    return new Builder(bucket);
  }

  /** Everything but the secret key. */
  @Override
  public String toString() {
    return "S3StateConfig[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region
        + ", endpointOverride=" + endpointOverride + ", pathStyle=" + pathStyle
        + ", accessKeyId=" + (accessKeyId == null ? "default chain"
            : accessKeyId.substring(0, Math.min(4, accessKeyId.length())) + "****")
        + ", secretAccessKey="
        + (secretAccessKey == null ? "none" : "****") + ", lease=" + lease + "]";
  }

  private static String trimSlashes(String prefix) {
    int start = 0;
    int end = prefix.length();
    while (start < end && prefix.charAt(start) == '/') {
      start++;
    }
    while (end > start && prefix.charAt(end - 1) == '/') {
      end--;
    }
    return prefix.substring(start, end);
  }

  /** Builds an {@link S3StateConfig}; every setter returns this builder. */
  public static final class Builder {

    private final String bucket;
    private String prefix;
    private String region;
    private URI endpointOverride;
    private boolean pathStyle;
    private String accessKeyId;
    private Secret secretAccessKey;
    private Duration lease;

    private Builder(String bucket) {
      this.bucket = bucket;
    }

    /** The key prefix; defaults to {@value S3StateConfig#DEFAULT_PREFIX}. */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** The region; defaults to the AWS environment's. */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** The endpoint of an S3-compatible store. */
    public Builder endpointOverride(URI endpointOverride) {
      this.endpointOverride = endpointOverride;
      return this;
    }

    /** Path-style URLs, for most S3-compatible stores. */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /** Static credentials instead of the AWS default chain. */
    public Builder credentials(String accessKeyId, Secret secretAccessKey) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      return this;
    }

    /** The lock lease; defaults to 60 seconds. */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /**
     * The config.
     *
     * @throws IllegalArgumentException for an invalid bucket name, a lease under a second, or
     *     half a pair of credentials
     */
    public S3StateConfig build() {
      return new S3StateConfig(bucket, prefix, region, endpointOverride, pathStyle, accessKeyId,
          secretAccessKey, lease);
    }
  }
}
