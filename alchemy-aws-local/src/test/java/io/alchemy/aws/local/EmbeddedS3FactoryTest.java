package io.alchemy.aws.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.local.LocalServer;
import io.alchemy.core.local.LocalServerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The local S3 itself: a real S3Mock, started, stopped and started again on the same data. */
@Timeout(120)
class EmbeddedS3FactoryTest {

  @TempDir Path dir;

  private LocalServerContext context() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    return new LocalServerContext("app", "dev", dir.resolve("data"), dir.resolve("s3.log"));
  }

  private static S3Client client(S3Endpoint endpoint) {
    return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint.endpointOverride()).forcePathStyle(endpoint.pathStyle())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("local", "local")))
        .build();
  }

  @Test
  void bucketsAndObjectsOutliveTheSessionOnTheSamePort() throws Exception {
    int port;
    try (LocalServer<S3Endpoint> server = new EmbeddedS3Factory().start(context());
        S3Client s3 = client(server.credentials())) {
      port = server.credentials().endpointOverride().getPort();
      assertThat(server.description()).contains("http://localhost:" + port);
      s3.createBucket(b -> b.bucket("kept-bucket"));
      s3.putObject(p -> p.bucket("kept-bucket").key("a/b.txt"), RequestBody.fromString("hello"));
    }
    assertThat(dir.resolve("s3.log")).content().contains("S3Mock started on port " + port);

    try (LocalServer<S3Endpoint> server = new EmbeddedS3Factory().start(context());
        S3Client s3 = client(server.credentials())) {
      assertThat(server.credentials().endpointOverride().getPort()).isEqualTo(port);
      assertThat(s3.getObjectAsBytes(g -> g.bucket("kept-bucket").key("a/b.txt")).asUtf8String())
          .isEqualTo("hello");
    }
  }

  @Test
  void theFingerprintSeesBucketsAndObjectsChangedByHand() throws Exception {
    EmbeddedS3Factory factory = new EmbeddedS3Factory();
    LocalServerContext context = context();
    Path data = context.dataDirectory();
    assertThat(factory.fingerprint(data)).as("no buckets yet").isEmpty();
    assertThat(factory.previousAddressFree(context)).as("no port remembered yet").isFalse();
    try (LocalServer<S3Endpoint> server = factory.start(context);
        S3Client s3 = client(server.credentials())) {
      assertThat(server.listensAsBefore()).isFalse();
      s3.createBucket(b -> b.bucket("kept-bucket"));
      s3.putObject(p -> p.bucket("kept-bucket").key("a.txt"), RequestBody.fromString("a"));
      s3.putObject(p -> p.bucket("kept-bucket").key("b.txt"), RequestBody.fromString("b"));
    }
    Optional<String> rested = factory.fingerprint(data);
    assertThat(rested).isPresent();
    assertThat(factory.previousAddressFree(context)).isTrue();

    // A session that only reads: it listens as before, and its data rests as it left it.
    try (LocalServer<S3Endpoint> server = factory.start(context);
        S3Client s3 = client(server.credentials())) {
      assertThat(server.listensAsBefore()).isTrue();
      assertThat(s3.listObjectsV2(l -> l.bucket("kept-bucket")).contents()).hasSize(2);
    }
    rested = factory.fingerprint(data);
    Thread.sleep(200);
    assertThat(factory.fingerprint(data)).as("nothing is written after the stop")
        .isEqualTo(rested);

    // An object's folder deleted by hand.
    Path bucket = data.resolve("buckets/kept-bucket");
    Path object;
    try (Stream<Path> entries = Files.list(bucket)) {
      object = entries.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    try (Stream<Path> files = Files.walk(object)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    assertThat(factory.fingerprint(data)).isPresent().isNotEqualTo(rested);
  }
}
