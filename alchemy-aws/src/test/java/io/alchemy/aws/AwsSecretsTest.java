package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.InfrastructureDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The secret access key never shows in state, listener output or errors. */
@ExtendWith(S3TestServer.class)
@Timeout(60)
class AwsSecretsTest {

  @TempDir Path dir;

  @Test
  void theSecretAccessKeyAppearsNowhere() throws Exception {
    AwsStage stage = new AwsStage(dir);
    String name = AwsStage.unique("secret");
    String taken = AwsStage.unique("taken");
    S3TestServer.raw().createBucket(c -> c.bucket(taken));
    List<String> errors = new ArrayList<>();
    InfrastructureDefinition good = scope -> {
      S3Bucket.Output b = S3Bucket.declare(scope, "b", S3Bucket.props(name).tag("k", "v").build());
      S3Object.declare(scope, "o", S3Object.props(b.name(), "o.txt").content("o").build());
    };
    stage.up(good);
    stage.up(scope -> {
      S3Bucket.Output b = S3Bucket.declare(scope, "b", S3Bucket.props(name).versioning(true)
          .build());
      S3Object.declare(scope, "o", S3Object.props(b.name(), "o.txt").content("o2").build());
    });
    S3TestServer.raw().putObject(p -> p.bucket(name).key("stray.txt"),
        RequestBody.fromString("s"));
    // Failures of every kind: a conflict, a bad name, a refused delete, a missing bucket.
    for (InfrastructureDefinition failing : List.<InfrastructureDefinition>of(
        scope -> S3Bucket.declare(scope, "t", S3Bucket.props(taken).build()),
        scope -> S3Bucket.declare(scope, "bad", S3Bucket.props("Bad Name").build()),
        scope -> { },
        scope -> S3Object.declare(scope, "x", S3Object.props(AwsStage.unique("none"), "x")
            .content("x").build()))) {
      try {
        stage.up(failing);
      } catch (RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        errors.add(trace.toString());
      }
    }
    S3TestServer.raw().deleteObject(d -> d.bucket(name).key("stray.txt"));
    stage.destroy(good);

    assertThat(errors).hasSize(4);
    assertThat(String.join("\n", errors)).contains("already exists", "not a valid S3 bucket name",
        "was not deleted", "does not exist").doesNotContain(AwsStage.SECRET_KEY);
    assertThat(stage.console()).isNotEmpty().doesNotContain(AwsStage.SECRET_KEY);
    assertThat(stage.state()).doesNotContain(AwsStage.SECRET_KEY)
        .doesNotContain(AwsStage.AWS.accessKeyId());
    assertThat(AwsStage.AWS.toString()).doesNotContain(AwsStage.SECRET_KEY);
  }
}
