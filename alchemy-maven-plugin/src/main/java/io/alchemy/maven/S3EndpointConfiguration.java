package io.alchemy.maven;

import io.alchemy.core.credentials.S3Endpoint;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@code <credentials><s3Endpoint>}: sends the S3 providers' requests to an S3-compatible store
 * (MinIO, Cloudflare R2, a test server) instead of AWS.
 *
 * <pre>{@code
 * <s3Endpoint>
 *   <url>http://localhost:9000</url>
 *   <pathStyle>true</pathStyle>   <!-- the default -->
 * </s3Endpoint>
 * }</pre>
 */
public class S3EndpointConfiguration implements CredentialConfiguration {

  private static final String BLOCK = "<credentials><s3Endpoint>";

  /** The endpoint, e.g. {@code http://localhost:9000}. */
  private String url;

  /** Path-style URLs ({@code https://host/bucket/key}); most S3-compatible stores want them. */
  private Boolean pathStyle;

  /** For Maven's configurator. */
  public S3EndpointConfiguration() {}

  @Override
  public String element() {
    return "s3Endpoint";
  }

  @Override
  public Resolved resolve(SettingsServers servers, String where) throws ConfigurationProblem {
    if (url == null || url.isBlank()) {
      throw new ConfigurationProblem(new ConfigurationProblem.Missing(BLOCK + " in " + where,
          BLOCK + "<url>", "Set <url>http://localhost:9000</url>, or remove the block to talk"
              + " to AWS."));
    }
    S3Endpoint endpoint;
    try {
      endpoint = new S3Endpoint(new URI(url.trim()), pathStyle == null || pathStyle);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConfigurationProblem(new ConfigurationProblem.Invalid(BLOCK + "<url>", where,
          "'" + url + "' is not an endpoint URL such as http://localhost:9000."));
    }
    return new Resolved(endpoint, endpoint.endpointOverride()
        + (endpoint.pathStyle() ? " (path-style)" : " (virtual-hosted)"));
  }

  /** The endpoint holds no secret. */
  @Override
  public String toString() {
    return "s3Endpoint[url=" + url + ", pathStyle=" + pathStyle + "]";
  }
}
