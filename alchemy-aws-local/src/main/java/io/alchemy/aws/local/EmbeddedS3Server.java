package io.alchemy.aws.local;

import com.adobe.testing.s3mock.S3MockApplication;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.local.LocalServer;
import java.nio.file.Path;

/** A running S3Mock; closing it stops the server and keeps its buckets. */
final class EmbeddedS3Server implements LocalServer<S3Endpoint> {

  private final S3MockApplication s3mock;
  private final S3Endpoint endpoint;
  private final String description;
  private final boolean samePort;

  EmbeddedS3Server(S3MockApplication s3mock, Path buckets, boolean samePort) {
    this.s3mock = s3mock;
    this.samePort = samePort;
    // Taken now: a stopped server no longer knows its port.
    this.endpoint = S3Endpoint.of("http://localhost:" + s3mock.getHttpPort());
    this.description = "S3 (S3Mock) on " + endpoint.endpointOverride() + " (buckets in "
        + buckets + ")";
  }

  @Override
  public S3Endpoint credentials() {
    return endpoint;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean listensAsBefore() {
    return samePort;
  }

  @Override
  public void close() {
    s3mock.stop();
  }
}
