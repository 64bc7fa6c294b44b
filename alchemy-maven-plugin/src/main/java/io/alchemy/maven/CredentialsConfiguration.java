package io.alchemy.maven;

import io.alchemy.core.credentials.ProviderCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code <credentials>} parameter: one element per kind of provider credentials, typically
 * inside a Maven {@code <profile>} per account, so {@code -Pprod} and {@code -Pdev} select
 * different ones.
 *
 * <pre>{@code
 * <credentials>
 *   <aws>
 *     <region>us-east-1</region>
 *     <serverId>aws-prod</serverId>
 *   </aws>
 *   <postgres>
 *     <host>db.example.com</host>
 *     <serverId>pg-admin</serverId>
 *   </postgres>
 *   <s3Endpoint>
 *     <url>http://localhost:9000</url>
 *   </s3Endpoint>
 * </credentials>
 * }</pre>
 *
 * <p>To support another kind (say {@code <azure>}): write a public class implementing {@link
 * CredentialConfiguration}, add a field of that type here, and list it in {@link #kinds()}.
 */
public class CredentialsConfiguration {

  /** {@code <aws>}: AWS and S3-compatible providers. */
  private AwsConfiguration aws;

  /** {@code <postgres>}: providers of PostgreSQL databases and roles. */
  private PostgresConfiguration postgres;

  /** {@code <s3Endpoint>}: an S3-compatible store instead of AWS, for the S3 providers. */
  private S3EndpointConfiguration s3Endpoint;

  /** For Maven's configurator. */
  public CredentialsConfiguration() {}

  /** The kinds that are configured. */
  List<CredentialConfiguration> kinds() {
    return Stream.of(aws, postgres, s3Endpoint).filter(Objects::nonNull).collect(Collectors.toList());
  }

  /**
   * The credentials of every configured kind.
   *
   * @param sources receives one line per kind saying where its values came from, never a value
   * @throws ConfigurationProblem when a block is inconsistent or a server is missing or cannot be
   *     decrypted
   */
  ProviderCredentials resolve(SettingsServers servers, String where, List<String> sources)
      throws ConfigurationProblem {
    List<Object> resolved = new ArrayList<>();
    for (CredentialConfiguration kind : kinds()) {
      CredentialConfiguration.Resolved one = kind.resolve(servers, where);
      resolved.add(one.credential());
      sources.add(kind.element() + " from " + one.source());
    }
    return ProviderCredentials.of(resolved.toArray());
  }

  /** Names the configured kinds, never a value. */
  @Override
  public String toString() {
    return kinds().stream().map(Object::toString).collect(Collectors.joining(", ", "credentials[",
        "]"));
  }
}
