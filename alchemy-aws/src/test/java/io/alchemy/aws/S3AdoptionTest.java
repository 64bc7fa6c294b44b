package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** The seed's adoption mode on real buckets and objects: refused without the flag, done with it. */
@ExtendWith(S3TestServer.class)
@Timeout(60)
class S3AdoptionTest {

  @TempDir Path dir;

  private AwsStage stage;
  private final S3Client raw = S3TestServer.raw();

  @BeforeEach
  void setUp() {
    stage = new AwsStage(dir);
    S3TestServer.clearLog();
  }

  private String content(String bucket, String key) {
    return raw.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
  }

  @Test
  void anExistingBucketIsAClearErrorAndAdoptionKeepsItsObjects() {
    String name = AwsStage.unique("legacy");
    raw.createBucket(c -> c.bucket(name));
    raw.putObject(p -> p.bucket(name).key("old/data.csv"), RequestBody.fromString("1,2,3"));
    // Tags only: S3Mock 4.7 hides objects written before versioning was enabled (real S3 keeps
    // them as their "null" version), so versioning is adopted on an empty bucket further down.
    InfrastructureDefinition definition = scope -> S3Bucket.declare(scope, "legacy",
        S3Bucket.props(name).tag("owner", "alchemy").build());

    assertThatThrownBy(() -> stage.up(definition))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("bucket " + name + " already exists and is not in the state of this"
            + " stage. To manage it with Alchemy, run again with adoption on"
            + " (Alchemy.builder().adopt(true)");
    assertThat(S3TestServer.mutations()).isEmpty();
    assertThatThrownBy(() -> raw.getBucketTagging(t -> t.bucket(name)))
        .isInstanceOf(S3Exception.class);

    RunResult adopted = stage.adopt(definition);

    assertThat(adopted.adopted()).isEqualTo(1);
    assertThat(stage.log()).contains("adopted my-app/dev/legacy");
    assertThat(S3TestServer.mutations()).containsExactly("PUT /" + name + "?tagging");
    assertThat(raw.getBucketTagging(t -> t.bucket(name)).tagSet())
        .extracting(Tag::key, Tag::value).containsExactly(tuple("owner", "alchemy"));
    assertThat(content(name, "old/data.csv")).isEqualTo("1,2,3");
    assertThat(stage.up(definition).unchanged()).isEqualTo(1);
  }

  @Test
  void adoptionBringsVersioningToTheProps() {
    String name = AwsStage.unique("unversioned");
    raw.createBucket(c -> c.bucket(name));
    RunResult adopted = stage.adopt(scope ->
        S3Bucket.declare(scope, "b", S3Bucket.props(name).versioning(true).build()));
    assertThat(adopted.adopted()).isEqualTo(1);
    assertThat(S3TestServer.mutations()).containsExactly("PUT /" + name + "?versioning");
    assertThat(raw.getBucketVersioning(v -> v.bucket(name)).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
  }

  @Test
  void aRefusedBucketIsNotDeletedWhenItsResourceIsRemoved() {
    // The refused create leaves a "creating" record; the run that no longer declares it must
    // not delete the bucket it collided with, even an empty one, even with forceDestroy.
    String name = AwsStage.unique("theirs");
    raw.createBucket(c -> c.bucket(name));
    assertThatThrownBy(() -> stage.up(scope -> S3Bucket.declare(scope, "theirs",
        S3Bucket.props(name).forceDestroy(true).build())))
        .hasMessageContaining("Alchemy.builder().adopt(true)");
    stage.up(scope -> { });
    assertThat(raw.headBucket(h -> h.bucket(name)).sdkHttpResponse().isSuccessful()).isTrue();
  }

  @Test
  void aRefusedObjectIsNotDeletedWhenItsResourceIsRemoved() {
    String name = AwsStage.unique("theirs");
    raw.createBucket(c -> c.bucket(name));
    raw.putObject(p -> p.bucket(name).key("data.txt"), RequestBody.fromString("theirs"));
    assertThatThrownBy(() -> stage.up(scope -> S3Object.declare(scope, "data",
        S3Object.props(name, "data.txt").content("ours").build())))
        .hasMessageContaining("Alchemy.builder().adopt(true)");
    stage.up(scope -> { });
    assertThat(content(name, "data.txt")).isEqualTo("theirs");
  }

  @Test
  void adoptingABucketThatIsAlreadyAsDeclaredChangesNothing() {
    String name = AwsStage.unique("same");
    raw.createBucket(c -> c.bucket(name));
    S3TestServer.clearLog();
    RunResult adopted = stage.adopt(scope ->
        S3Bucket.declare(scope, "same", S3Bucket.props(name).build()));
    assertThat(adopted.adopted()).isEqualTo(1);
    assertThat(S3TestServer.mutations()).isEmpty();
  }

  @Test
  void aStoreWithoutBucketTaggingCanStillAdopt() {
    String name = S3TestServer.NO_TAGGING + "-" + AwsStage.unique("adopt");
    raw.createBucket(c -> c.bucket(name));
    RunResult adopted = stage.adopt(scope ->
        S3Bucket.declare(scope, "b", S3Bucket.props(name).build()));
    assertThat(adopted.adopted()).isEqualTo(1);
    assertThat(S3TestServer.mutations()).isEmpty();
  }

  @Test
  void aBucketInAnotherRegionIsNotAdoptedIntoThisOne() {
    String name = AwsStage.unique("elsewhere");
    raw.createBucket(c -> c.bucket(name)
        .createBucketConfiguration(b -> b.locationConstraint("eu-west-1")));
    assertThatThrownBy(() -> stage.adopt(scope ->
        S3Bucket.declare(scope, "b", S3Bucket.props(name).build())))
        .hasMessageContaining("Bucket " + name + " exists in region eu-west-1, but my-app/dev/b"
            + " asks for us-east-1. A bucket cannot move: to adopt it, declare it with"
            + " region(\"eu-west-1\")");
    RunResult adopted = stage.adopt(scope ->
        S3Bucket.declare(scope, "b", S3Bucket.props(name).region("eu-west-1").build()));
    assertThat(adopted.adopted()).isEqualTo(1);
  }

  @Test
  void anExistingObjectIsAConflictUnlessItAlreadyHoldsTheContent() {
    String name = AwsStage.unique("objects");
    raw.createBucket(c -> c.bucket(name));
    raw.putObject(p -> p.bucket(name).key("by-hand.txt").contentType("text/plain"),
        RequestBody.fromString("written by hand"));
    InfrastructureDefinition definition = scope -> S3Object.declare(scope, "note",
        S3Object.props(name, "by-hand.txt").content("managed").contentType("text/plain")
            .build());

    assertThatThrownBy(() -> stage.up(definition))
        .hasMessageContaining("object s3://" + name + "/by-hand.txt already exists and is not in"
            + " the state of this stage")
        .hasMessageContaining("Alchemy.builder().adopt(true)");
    assertThat(content(name, "by-hand.txt")).isEqualTo("written by hand");

    assertThat(stage.adopt(definition).adopted()).isEqualTo(1);
    assertThat(content(name, "by-hand.txt")).isEqualTo("managed");

    // The same content already there (e.g. a run that crashed after writing it) is no conflict.
    raw.putObject(p -> p.bucket(name).key("same.txt").contentType("text/plain"),
        RequestBody.fromString("same"));
    RunResult same = stage.up(scope -> S3Object.declare(scope, "same",
        S3Object.props(name, "same.txt").content("same").contentType("text/plain").build()));
    assertThat(same.created()).isEqualTo(1);
  }
}
