package io.alchemy.state.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3Mock server for all test classes of this module that use it ({@code
 * @ExtendWith(S3MockServer.class)}), with the bucket {@value #BUCKET}, started before the first
 * of them and stopped when JUnit closes its root store, after the last. Tests keep apart by app
 * name.
 */
final class S3MockServer implements BeforeAllCallback {

  static final String BUCKET = "bucket-one";

  private static S3MockApplication s3mock;
  private static S3Client raw;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (S3MockServer.class) {
      if (s3mock == null) {
        // start() adds to the map it is given
        s3mock = S3MockApplication.start(new HashMap<>(Map.of(
            S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
            S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
            S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET,
            S3MockApplication.PROP_SILENT, true)));
        raw = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("test", "test")))
            .build();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .put(S3MockServer.class.getName(), new Stopper());
      }
    }
  }

  /** Stops the server after the last test class. */
  @SuppressWarnings("deprecation")
  private static final class Stopper implements ExtensionContext.Store.CloseableResource,
      AutoCloseable {
    @Override
    public void close() {
      synchronized (S3MockServer.class) {
        if (raw != null) {
          raw.close();
          raw = null;
        }
        if (s3mock != null) {
          s3mock.stop();
          s3mock = null;
        }
      }
    }
  }

  static URI endpoint() {
    return URI.create("http://localhost:" + s3mock.getHttpPort());
  }

  /** A client for checks and changes behind the store's back. */
  static S3Client raw() {
    return raw;
  }

  static void putObject(String key, String body) {
    raw.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromString(body));
  }

  static String object(String key) {
    return raw.getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asUtf8String();
  }
}
