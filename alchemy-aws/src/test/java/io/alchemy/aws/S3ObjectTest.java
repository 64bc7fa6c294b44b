package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.RunResult;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.Unknowns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3Object through full runs: content and file, updates, replacement, a missing bucket. */
@ExtendWith(S3TestServer.class)
@Timeout(60)
class S3ObjectTest {

  @TempDir Path dir;

  private AwsStage stage;
  private final S3Client raw = S3TestServer.raw();

  @BeforeEach
  void setUp() {
    stage = new AwsStage(dir);
  }

  private String content(String bucket, String key) {
    return raw.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
  }

  private static InfrastructureDefinition page(String bucket, String key, String content,
      String type, AtomicReference<S3Object.Output> out) {
    return scope -> {
      S3Bucket.Output site = S3Bucket.declare(scope, "site", S3Bucket.props(bucket).build());
      out.set(S3Object.declare(scope, "page", S3Object.props(site.name(), key).content(content)
          .contentType(type).build()));
    };
  }

  @Test
  void aPlanOfNewContentSendsNothingAndPredictsWhatUpReturns() throws Exception {
    String bucket = AwsStage.unique("site");
    AtomicReference<S3Object.Output> out = new AtomicReference<>();
    stage.up(page(bucket, "index.html", "v1", "text/html", out));
    String state = stage.state();
    S3TestServer.clearLog();

    Plan plan = stage.builder().build().plan(page(bucket, "index.html", "v2", "text/html", out));
    assertThat(S3TestServer.log()).as("no request at all").isEmpty();
    assertThat(stage.state()).isEqualTo(state);
    assertThat(content(bucket, "index.html")).isEqualTo("v1");
    assertThat(plan.lines()).containsExactly(
        "~   update    my-app/dev/page (aws::S3Object)",
        "      content: \"v1\" -> \"v2\"",
        "Plan for my-app/dev: 0 to create, 1 to update, 0 to replace, 0 to delete, 1 unchanged");
    S3Object.Output predicted = out.get();
    assertThat(predicted.etag()).isEqualTo(Unknowns.marker("my-app/dev/page", "etag"));

    stage.up(page(bucket, "index.html", "v2", "text/html", out));
    // What the prediction claims to know is what up returned.
    assertThat(predicted.bucket()).isEqualTo(out.get().bucket());
    assertThat(predicted.key()).isEqualTo(out.get().key());
    assertThat(out.get().etag()).isEqualTo(S3Object.md5("v2".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void newContentIsWrittenAgainAndChangesTheEtag() {
    String bucket = AwsStage.unique("site");
    AtomicReference<S3Object.Output> out = new AtomicReference<>();
    stage.up(page(bucket, "index.html", "v1", "text/html", out));
    String first = out.get().etag();
    assertThat(first).isEqualTo(S3Object.md5("v1".getBytes(StandardCharsets.UTF_8)));

    S3TestServer.clearLog();
    RunResult changed = stage.up(page(bucket, "index.html", "v2", "text/html", out));
    assertThat(changed.updated()).isEqualTo(1);
    assertThat(changed.unchanged()).isEqualTo(1);
    assertThat(S3TestServer.mutations()).containsExactly("PUT /" + bucket + "/index.html");
    assertThat(out.get().etag()).isNotEqualTo(first)
        .isEqualTo(S3Object.md5("v2".getBytes(StandardCharsets.UTF_8)));
    assertThat(content(bucket, "index.html")).isEqualTo("v2");

    assertThat(stage.up(page(bucket, "index.html", "v2", "text/plain", out)).updated())
        .isEqualTo(1);
    assertThat(raw.headObject(h -> h.bucket(bucket).key("index.html")).contentType())
        .isEqualTo("text/plain");
  }

  @Test
  void aNewKeyReplacesTheObject() {
    String bucket = AwsStage.unique("site");
    AtomicReference<S3Object.Output> out = new AtomicReference<>();
    stage.up(page(bucket, "old.html", "x", "text/html", out));
    RunResult moved = stage.up(page(bucket, "new.html", "x", "text/html", out));
    assertThat(moved.replaced()).isEqualTo(1);
    assertThat(content(bucket, "new.html")).isEqualTo("x");
    assertThatThrownBy(() -> content(bucket, "old.html")).isInstanceOf(S3Exception.class);
  }

  @Test
  void filesAreUploadedFromTheProjectDirectory() throws Exception {
    String bucket = AwsStage.unique("files");
    Files.createDirectories(dir.resolve("site"));
    Files.writeString(dir.resolve("site/logo.svg"), "<svg/>");
    Path absolute = dir.resolve("site/app.js");
    Files.writeString(absolute, "console.log(1)");
    InfrastructureDefinition definition = scope -> {
      S3Bucket.Output site = S3Bucket.declare(scope, "site", S3Bucket.props(bucket).build());
      S3Object.declare(scope, "logo", S3Object.props(site.name(), "logo.svg")
          .file("site/logo.svg").build());
      S3Object.declare(scope, "app", S3Object.props(site.name(), "app.js")
          .file(absolute).build());
    };
    stage.up(definition);
    assertThat(content(bucket, "logo.svg")).isEqualTo("<svg/>");
    assertThat(raw.headObject(h -> h.bucket(bucket).key("logo.svg")).contentType())
        .isEqualTo("image/svg+xml");
    assertThat(content(bucket, "app.js")).isEqualTo("console.log(1)");

    // An absolute path carries the file's hash, so an edited file is uploaded again.
    Files.writeString(absolute, "console.log(2)");
    RunResult edited = stage.up(definition);
    assertThat(edited.updated()).isEqualTo(1);
    assertThat(content(bucket, "app.js")).isEqualTo("console.log(2)");
  }

  @Test
  void aMissingFileIsAClearError() {
    String bucket = AwsStage.unique("files");
    assertThatThrownBy(() -> stage.up(scope -> {
      S3Bucket.Output site = S3Bucket.declare(scope, "site", S3Bucket.props(bucket).build());
      S3Object.declare(scope, "logo", S3Object.props(site.name(), "logo.png")
          .file("missing/logo.png").build());
    })).hasMessageContaining("the file of S3Object my-app/dev/logo does not exist (relative paths"
        + " resolve against the project directory");
  }

  @Test
  void anObjectInAMissingBucketFailsClearlyAndARerunReconciles() {
    String bucket = AwsStage.unique("later");
    InfrastructureDefinition definition = scope -> S3Object.declare(scope, "note",
        S3Object.props(bucket, "note.txt").content("hi").build());
    assertThatThrownBy(() -> stage.up(definition))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Bucket " + bucket + " of object my-app/dev/note does not exist."
            + " Declare it with S3Bucket before the object");

    raw.createBucket(c -> c.bucket(bucket));
    assertThat(stage.up(definition).created()).isEqualTo(1);
    assertThat(content(bucket, "note.txt")).isEqualTo("hi");
  }

  @Test
  void propsNeedContentOrAFileAndAKey() {
    assertThatThrownBy(() -> S3Object.props("b", "k").build())
        .hasMessage("the S3Object s3://b/k needs either content(...) or file(...), not neither");
    assertThatThrownBy(() -> S3Object.props("b", "k").content("x").file("y").build())
        .hasMessage("the S3Object s3://b/k needs either content(...) or file(...), not both");
    assertThatThrownBy(() -> S3Object.props("b", "").content("x").build())
        .hasMessage("the S3Object in bucket b needs a key");
  }
}
