package io.alchemy.aws;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.Scope;
import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * S3 clients for the providers of one run: one per (credentials, endpoint, region), built on first
 * use from the scope's provider credentials (in local mode: the session's local S3) and closed by
 * a cleanup handler when the run ends.
 */
final class S3Clients {

  /** Per run, keyed by the run's root scope. */
  private static final Map<Scope, S3Clients> RUNS = new ConcurrentHashMap<>();

  private final Map<Key, S3Client> clients = new ConcurrentHashMap<>();
  private final List<SdkAutoCloseable> closeables = new ArrayList<>();

  private record Key(AwsCredentials credentials, S3Endpoint endpoint, String region) {}

  private S3Clients() {}

  // The local server takes any key; these only sign requests that never leave the machine.
  private static final AwsCredentials LOCAL = new AwsCredentials("alchemy-local",
      Secret.of("alchemy-local"), Region.US_EAST_1.id());

  /** The region a resource in {@code context}'s scope uses when its props name none. */
  static String defaultRegion(ResourceContext context) {
    ProviderCredentials credentials = context.scope().providerCredentials();
    if (context.scope().local()) {
      // No AWS account is needed locally; a configured region is kept so names and ARNs match.
      return credentials.get(AwsCredentials.class).map(AwsCredentials::region)
          .filter(r -> r != null && !r.isBlank()).orElse(Region.US_EAST_1.id());
    }
    AwsCredentials aws = credentials.require(AwsCredentials.class);
    if (aws.region() != null && !aws.region().isBlank()) {
      return aws.region();
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkException e) {
      if (credentials.get(S3Endpoint.class).isPresent()) {
        return Region.US_EAST_1.id();
      }
      throw new AlchemyException("No AWS region is configured for " + context.fqn() + ". Set"
          + " it in the plugin's <credentials><aws><region>, in AwsCredentials, on the resource"
          + " (region(...)), or with the AWS_REGION environment variable.", e);
    }
  }

  /**
   * The client for {@code region} with the credentials and endpoint of {@code context}'s scope.
   *
   * @param region the region to talk to, or {@code null} for the scope's
   */
  static S3Client client(ResourceContext context, String region) {
    String resolved = region == null || region.isBlank() ? defaultRegion(context) : region;
    ProviderCredentials credentials = context.scope().providerCredentials();
    // In local mode, the session's local S3 (alchemy-aws-local), never AWS or a configured store.
    Key key = context.scope().local()
        ? new Key(LOCAL, context.scope().localServer(S3Endpoint.class), resolved)
        : new Key(credentials.require(AwsCredentials.class),
            credentials.get(S3Endpoint.class).orElse(null), resolved);
    S3Clients run = forRun(context.scope());
    return run.clients.computeIfAbsent(key, run::build);
  }

  /**
   * In local mode, whether a recorded bucket or object is missing from the session's local S3
   * (its data was deleted), so that the engine creates it again. Deployed resources are never
   * looked at here (false without a request).
   */
  static boolean goneLocally(ResourceContext context, Callable<Boolean> exists) {
    if (!context.scope().local()) {
      return false;
    }
    try {
      return !exists.call();
    } catch (Exception e) {
      return true; // the create that follows reports what is wrong
    }
  }

  private static S3Clients forRun(Scope scope) {
    Scope root = scope;
    while (root.parent().isPresent()) {
      root = root.parent().get();
    }
    Scope runRoot = root;
    return RUNS.computeIfAbsent(runRoot, r -> {
      S3Clients clients = new S3Clients();
      r.onCleanup(() -> {
        RUNS.remove(runRoot);
        clients.close();
      });
      return clients;
    });
  }

  private S3Client build(Key key) {
    AwsCredentialsProvider provider;
    if (key.credentials().accessKeyId() == null) {
      DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
      synchronized (closeables) {
        closeables.add(chain);
      }
      provider = chain;
    } else {
      provider = StaticCredentialsProvider.create(AwsBasicCredentials.create(
          key.credentials().accessKeyId(), key.credentials().secretAccessKey().reveal()));
    }
    S3ClientBuilder builder = S3Client.builder()
        // Named, so that another HTTP client on the class path changes nothing.
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .credentialsProvider(provider)
        .region(Region.of(key.region()));
    if (key.endpoint() != null) {
      builder.endpointOverride(key.endpoint().endpointOverride())
          .forcePathStyle(key.endpoint().pathStyle())
          // S3-compatible stores differ in which of the newer default checksums they accept.
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    } else {
      // An orphan may be deleted from a scope whose region differs from its bucket's.
      builder.crossRegionAccessEnabled(true);
    }
    return builder.build();
  }

  private void close() {
    List<SdkAutoCloseable> all = new ArrayList<>(clients.values());
    clients.clear();
    synchronized (closeables) {
      all.addAll(closeables);
      closeables.clear();
    }
    for (SdkAutoCloseable closeable : all) {
      closeable.close();
    }
  }

  /** How many runs hold clients now; for tests. */
  static int openRuns() {
    return RUNS.size();
  }
}
