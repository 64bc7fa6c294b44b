package io.alchemy.core.credentials;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where S3 providers send requests when it is not AWS itself: an S3-compatible store such as
 * MinIO, Cloudflare R2, Ceph or a local test server. A credential kind: put it beside the {@link
 * AwsCredentials} in a scope's provider credentials; scopes without one
 * talk to AWS. Used by the {@code alchemy-aws} providers; kept here so that configuration (the
 * Maven plugin's {@code <credentials><s3Endpoint>}) can name it without depending on them.
 *
 * <pre>{@code
 * Alchemy.builder()
 *     .credentials(ProviderCredentials.of(
 *         new AwsCredentials(accessKeyId, Secret.of(secretKey), "auto"),
 *         S3Endpoint.of("https://<account>.r2.cloudflarestorage.com")))
 *     ...
 * }</pre>
 *
 * @param endpointOverride the endpoint, e.g. {@code http://localhost:9000}
 * @param pathStyle path-style URLs ({@code https://host/bucket/key}) instead of virtual-hosted
 *     ones ({@code https://bucket.host/key}); most S3-compatible stores want them
 */
public record S3Endpoint(URI endpointOverride, boolean pathStyle) implements RecordableCredential {

  /** Checks the endpoint. */
  public S3Endpoint {
    Objects.requireNonNull(endpointOverride, "endpointOverride");
    if (endpointOverride.getScheme() == null || endpointOverride.getHost() == null) {
      throw new IllegalArgumentException("An S3 endpoint needs a scheme and a host, e.g."
          + " http://localhost:9000; got " + endpointOverride);
    }
  }

  /** Records the endpoint and the URL style; an endpoint holds no secret. */
  @Override
  public Map<String, String> settings() {
    return Map.of("endpointOverride", endpointOverride.toString(),
        "pathStyle", Boolean.toString(pathStyle));
  }

  /** The recorded endpoint, whatever this one is. */
  @Override
  public S3Endpoint withSettings(Map<String, String> settings) {
    return fromSettings(settings);
  }

  /** The endpoint that {@link #settings()} recorded. */
  static S3Endpoint fromSettings(Map<String, String> settings) {
    return new S3Endpoint(URI.create(settings.get("endpointOverride")),
        Boolean.parseBoolean(settings.get("pathStyle")));
  }

  /** An endpoint with path-style URLs, which S3-compatible stores accept. */
  public static S3Endpoint of(URI endpoint) {
    return new S3Endpoint(endpoint, true);
  }

  /** An endpoint with path-style URLs, which S3-compatible stores accept. */
  public static S3Endpoint of(String endpoint) {
    return of(URI.create(endpoint));
  }
}
