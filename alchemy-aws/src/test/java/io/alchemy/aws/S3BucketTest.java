package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunResult;
import io.alchemy.core.ScopeOptions;
import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

/** S3Bucket through full runs against S3Mock: create, update, replace, delete, regions. */
@ExtendWith(S3TestServer.class)
@Timeout(60)
class S3BucketTest {

  @TempDir Path dir;

  private AwsStage stage;
  private final S3Client raw = S3TestServer.raw();

  @BeforeEach
  void setUp() {
    stage = new AwsStage(dir);
    S3TestServer.clearLog();
  }

  private static InfrastructureDefinition bucketWithObject(String bucket, String content) {
    return scope -> {
      S3Bucket.Output images = S3Bucket.declare(scope, "images", S3Bucket.props(bucket).build());
      S3Object.declare(scope, "index", S3Object.props(images.name(), "index.html")
          .content(content).contentType("text/html").build());
    };
  }

  private boolean exists(String bucket) {
    try {
      raw.headBucket(h -> h.bucket(bucket));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private String content(String bucket, String key) {
    return raw.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
  }

  private Map<String, String> tags(String bucket) {
    return raw.getBucketTagging(t -> t.bucket(bucket)).tagSet().stream()
        .collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
  }

  private static List<ResourceAction> actions(RunResult result) {
    return result.resources().stream().map(ResourceReport::action).toList();
  }

  @Test
  void createsABucketAndAnObjectInIt() {
    String name = AwsStage.unique("images");
    AtomicReference<S3Bucket.Output> bucket = new AtomicReference<>();
    AtomicReference<S3Object.Output> object = new AtomicReference<>();
    RunResult result = stage.up(scope -> {
      bucket.set(S3Bucket.declare(scope, "images", S3Bucket.props(name).build()));
      object.set(S3Object.declare(scope, "index", S3Object.props(bucket.get().name(),
          "index.html").content("<h1>Hello</h1>").contentType("text/html").build()));
    });
    assertThat(result.created()).isEqualTo(2);
    assertThat(stage.log()).containsExactly("created my-app/dev/images", "created my-app/dev/index");
    assertThat(bucket.get()).isEqualTo(new S3Bucket.Output(name, "us-east-1",
        "arn:aws:s3:::" + name, false, Map.of()));
    assertThat(object.get().bucket()).isEqualTo(name);
    assertThat(object.get().key()).isEqualTo("index.html");
    assertThat(object.get().etag()).isEqualTo(S3Object.md5("<h1>Hello</h1>".getBytes()));
    assertThat(content(name, "index.html")).isEqualTo("<h1>Hello</h1>");
    assertThat(raw.headObject(h -> h.bucket(name).key("index.html")).contentType())
        .isEqualTo("text/html");
    assertThat(S3Clients.openRuns()).as("clients are closed when the run ends").isZero();
  }

  @Test
  void anUnchangedRunSendsNoRequestAtAll() {
    String name = AwsStage.unique("images");
    stage.up(bucketWithObject(name, "v1"));
    S3TestServer.clearLog();
    RunResult again = stage.up(bucketWithObject(name, "v1"));
    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(again.resources()).hasSize(2);
    assertThat(S3TestServer.log()).isEmpty();
  }

  @Test
  void versioningAndTagsChangeInPlace() {
    String name = AwsStage.unique("data");
    stage.up(scope -> S3Bucket.declare(scope, "data", S3Bucket.props(name)
        .tag("team", "web").build()));
    assertThat(tags(name)).isEqualTo(Map.of("team", "web"));
    S3TestServer.clearLog();

    AtomicReference<S3Bucket.Output> out = new AtomicReference<>();
    RunResult result = stage.up(scope -> out.set(S3Bucket.declare(scope, "data",
        S3Bucket.props(name).versioning(true).tag("team", "data").tag("cost-center", "42")
            .build())));
    assertThat(actions(result)).containsExactly(ResourceAction.UPDATE);
    assertThat(S3TestServer.mutations())
        .containsExactly("PUT /" + name + "?versioning", "PUT /" + name + "?tagging");
    assertThat(raw.getBucketVersioning(v -> v.bucket(name)).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
    assertThat(tags(name)).isEqualTo(Map.of("team", "data", "cost-center", "42"));
    assertThat(out.get().versioning()).isTrue();
    assertThat(out.get().tags()).isEqualTo(Map.of("team", "data", "cost-center", "42"));

    // Off again: S3 can only suspend versioning; no tags removes the tag set.
    stage.up(scope -> S3Bucket.declare(scope, "data", S3Bucket.props(name).build()));
    assertThat(raw.getBucketVersioning(v -> v.bucket(name)).status())
        .isEqualTo(BucketVersioningStatus.SUSPENDED);
    assertThatThrownBy(() -> tags(name)).isInstanceOfSatisfying(S3Exception.class, e ->
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchTagSet"));
    assertThat(exists(name)).isTrue();
  }

  @Test
  void aPlanOfNewSettingsSendsNothingAndPredictsWhatUpReturns() throws Exception {
    String name = AwsStage.unique("data");
    stage.up(scope -> S3Bucket.declare(scope, "data", S3Bucket.props(name)
        .tag("team", "web").build()));
    String state = stage.state();
    S3TestServer.clearLog();

    AtomicReference<S3Bucket.Output> out = new AtomicReference<>();
    InfrastructureDefinition changed = scope -> out.set(S3Bucket.declare(scope, "data",
        S3Bucket.props(name).versioning(true).tag("team", "data").build()));
    Plan plan = stage.builder().build().plan(changed);
    assertThat(S3TestServer.log()).as("no request at all").isEmpty();
    assertThat(stage.state()).isEqualTo(state);
    assertThat(plan.lines()).containsExactly(
        "~   update    my-app/dev/data (aws::S3Bucket)",
        "      versioning: false -> true",
        "      tags.team: \"web\" -> \"data\"",
        "Plan for my-app/dev: 0 to create, 1 to update, 0 to replace, 0 to delete, 0 unchanged");
    S3Bucket.Output predicted = out.get();

    stage.up(changed);
    // Every field of this prediction is known, and it is what up returned.
    assertThat(predicted).isEqualTo(out.get());
    assertThat(predicted.arn()).isEqualTo("arn:aws:s3:::" + name);
  }

  @Test
  void aNewNameReplacesTheBucketCreatingTheNewOneFirst() {
    String oldName = AwsStage.unique("images");
    String newName = AwsStage.unique("images");
    stage.up(bucketWithObject(oldName, "hello"));
    S3TestServer.clearLog();

    RunResult result = stage.up(bucketWithObject(newName, "hello"));

    assertThat(result.replaced()).isEqualTo(2);
    assertThat(stage.log()).contains("replaced my-app/dev/images", "replaced my-app/dev/index");
    List<String> requests = S3TestServer.mutations();
    int created = requests.indexOf("PUT /" + newName);
    int oldObjectDeleted = requests.indexOf("DELETE /" + oldName + "/index.html");
    int oldBucketDeleted = requests.indexOf("DELETE /" + oldName);
    assertThat(created).as("new bucket created in %s", requests).isNotNegative();
    assertThat(oldObjectDeleted).as("old object deleted in %s", requests).isGreaterThan(created);
    assertThat(oldBucketDeleted).as("old bucket deleted last in %s", requests)
        .isGreaterThan(oldObjectDeleted);
    assertThat(exists(oldName)).isFalse();
    assertThat(content(newName, "index.html")).isEqualTo("hello");
    assertThat(stage.up(bucketWithObject(newName, "hello")).unchanged()).isEqualTo(2);
  }

  @Test
  void theSeedsEuServicesScopeCreatesItsBucketInEuWest1() {
    String us = AwsStage.unique("us");
    String eu = AwsStage.unique("eu");
    AtomicReference<S3Bucket.Output> euOut = new AtomicReference<>();
    InfrastructureDefinition definition = scope -> {
      S3Bucket.declare(scope, "us-bucket", S3Bucket.props(us).build());
      AwsCredentials aws = scope.providerCredentials().require(AwsCredentials.class);
      scope.run("eu-services", ScopeOptions.defaults().credential(aws.withRegion("eu-west-1")),
          services -> euOut.set(S3Bucket.declare(services, "eu-bucket",
              S3Bucket.props(eu).build())));
    };
    stage.up(definition);

    assertThat(raw.getBucketLocation(l -> l.bucket(eu)).locationConstraintAsString())
        .isEqualTo("eu-west-1");
    assertThat(raw.headBucket(h -> h.bucket(us)).bucketRegion()).isEqualTo("us-east-1");
    assertThat(euOut.get().region()).isEqualTo("eu-west-1");
    assertThat(euOut.get().arn()).isEqualTo("arn:aws:s3:::" + eu);

    // Moving the scope to another region moves its bucket: a new one there, the old one deleted.
    String eu2 = AwsStage.unique("eu");
    RunResult moved = stage.up(scope -> {
      S3Bucket.declare(scope, "us-bucket", S3Bucket.props(us).build());
      AwsCredentials aws = scope.providerCredentials().require(AwsCredentials.class);
      scope.run("eu-services",
          ScopeOptions.defaults().credential(aws.withRegion("eu-central-1")),
          services -> S3Bucket.declare(services, "eu-bucket", S3Bucket.props(eu2).build()));
    });
    assertThat(moved.replaced()).isEqualTo(1);
    assertThat(moved.unchanged()).isEqualTo(1);
    assertThat(raw.getBucketLocation(l -> l.bucket(eu2)).locationConstraintAsString())
        .isEqualTo("eu-central-1");
    assertThat(exists(eu)).isFalse();
  }

  @Test
  void destroyDeletesObjectsThenBucketsInReverseCreationOrder() throws Exception {
    String first = AwsStage.unique("first");
    String second = AwsStage.unique("second");
    InfrastructureDefinition definition = scope -> {
      S3Bucket.Output a = S3Bucket.declare(scope, "first", S3Bucket.props(first).build());
      S3Object.declare(scope, "a", S3Object.props(a.name(), "a.txt").content("a").build());
      scope.run("more", more -> {
        S3Bucket.Output b = S3Bucket.declare(more, "second", S3Bucket.props(second).build());
        S3Object.declare(more, "b", S3Object.props(b.name(), "b.txt").content("b").build());
      });
    };
    stage.up(definition);
    S3TestServer.clearLog();

    RunResult destroyed = stage.destroy(definition);

    assertThat(destroyed.deleted()).isEqualTo(4);
    assertThat(S3TestServer.mutations()).containsExactly("DELETE /" + second + "/b.txt",
        "DELETE /" + second, "DELETE /" + first + "/a.txt", "DELETE /" + first);
    assertThat(exists(first)).isFalse();
    assertThat(exists(second)).isFalse();
    assertThat(stage.state()).doesNotContain(first, second);
  }

  @Test
  void resourcesRemovedFromTheDefinitionAreDeleted() {
    String name = AwsStage.unique("orphans");
    stage.up(bucketWithObject(name, "x"));

    RunResult withoutObject = stage.up(scope ->
        S3Bucket.declare(scope, "images", S3Bucket.props(name).build()));
    assertThat(stage.log()).contains("deleted my-app/dev/index");
    assertThat(withoutObject.deleted()).isEqualTo(1);
    assertThat(raw.listObjectsV2(l -> l.bucket(name)).contents()).isEmpty();

    RunResult empty = stage.up(scope -> { });
    assertThat(empty.deleted()).isEqualTo(1);
    assertThat(exists(name)).isFalse();
  }

  @Test
  void aBadBucketNameIsAClearErrorAndNothingIsCreated() throws Exception {
    assertThatThrownBy(() -> stage.up(scope ->
        S3Bucket.declare(scope, "images", S3Bucket.props("My_Images").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("The bucket name 'My_Images' of resource my-app/dev/images is not"
            + " a valid S3 bucket name: it contains the uppercase letter 'M'.")
        .hasMessageContaining("3 to 63 characters of lowercase letters, digits, dots and hyphens")
        .hasMessageContaining("S3Bucket.physicalName(scope, \"images\")")
        .hasMessageContaining("Nothing was created");
    // Also through scope.resource(...) directly, which skips declare()'s early check.
    assertThatThrownBy(() -> stage.up(scope ->
        scope.resource("logs", S3Bucket.provider(), S3Bucket.props("ab").build())))
        .hasMessageContaining("The bucket name 'ab' of resource my-app/dev/logs is not a valid S3"
            + " bucket name: it has 2 characters.");
    assertThat(S3TestServer.log()).isEmpty();
    assertThat(stage.state()).doesNotContain("My_Images", "\"created\"");
  }

  @Test
  void physicalNamesAreValidBucketNames() {
    AtomicReference<String> name = new AtomicReference<>();
    stage.up(scope -> scope.run("Media_Store", media -> {
      name.set(S3Bucket.physicalName(media, "Images"));
      S3Bucket.declare(media, "images", S3Bucket.props(name.get()).build());
    }));
    assertThat(name.get()).isEqualTo("my-app-media-store-images-dev");
    assertThat(exists(name.get())).isTrue();
    stage.up(scope -> { });
  }

  @Test
  void aBucketWithObjectsNoOneManagesIsKeptUnlessForceDestroy() throws Exception {
    String name = AwsStage.unique("keep");
    InfrastructureDefinition plain = scope ->
        S3Bucket.declare(scope, "images", S3Bucket.props(name).versioning(true).build());
    stage.up(plain);
    raw.putObject(p -> p.bucket(name).key("manual.txt"), RequestBody.fromString("one"));
    raw.putObject(p -> p.bucket(name).key("manual.txt"), RequestBody.fromString("two"));

    assertThatThrownBy(() -> stage.destroy(plain))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Bucket " + name + " was not deleted: it still holds objects")
        .hasMessageContaining("forceDestroy(true)");
    assertThat(content(name, "manual.txt")).isEqualTo("two");

    // Declared again with forceDestroy; it was being deleted, so it is taken back by adoption.
    InfrastructureDefinition force = scope -> S3Bucket.declare(scope, "images",
        S3Bucket.props(name).versioning(true).forceDestroy(true).build());
    stage.adopt(force);
    assertThat(stage.destroy(force).deleted()).isEqualTo(1);
    assertThat(exists(name)).isFalse();
  }

  @Test
  void aCreateThatFailsHalfWayLeavesNothingAndARerunReconciles() throws Exception {
    String name = S3TestServer.NO_TAGGING + "-" + AwsStage.unique("store");
    assertThatThrownBy(() -> stage.up(scope -> S3Bucket.declare(scope, "b",
        S3Bucket.props(name).tag("team", "web").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Bucket " + name + " was created, but setting its versioning or"
            + " tags failed: HTTP 501 NotImplemented: Bucket tagging is not implemented. The new"
            + " bucket was deleted again");
    assertThat(exists(name)).isFalse();
    assertThat(stage.state()).doesNotContain("\"CREATED\"");

    // Without tags it works, with no conflict; reading tags there finds none.
    RunResult again = stage.up(scope -> S3Bucket.declare(scope, "b",
        S3Bucket.props(name).build()));
    assertThat(again.created()).isEqualTo(1);
    assertThat(exists(name)).isTrue();
  }

  @Test
  void theReadPhaseSendsNothingThatChangesAnything() {
    String name = AwsStage.unique("read");
    stage.up(bucketWithObject(name, "r"));
    S3TestServer.clearLog();
    RunResult read = stage.read(bucketWithObject(name, "changed"));
    assertThat(read.count(ResourceAction.READ)).isEqualTo(2);
    assertThat(S3TestServer.mutations()).isEmpty();
    assertThat(content(name, "index.html")).isEqualTo("r");
  }

  @Test
  void bucketNameRules() {
    assertThat(BucketNames.problem("my-app-images-dev")).isNull();
    assertThat(BucketNames.problem("a.b-c")).isNull();
    assertThat(BucketNames.problem("")).isEqualTo("is empty");
    assertThat(BucketNames.problem("x".repeat(64))).isEqualTo("has 64 characters");
    assertThat(BucketNames.problem("-abc")).isEqualTo("does not start and end with a letter or"
        + " digit");
    assertThat(BucketNames.problem("a..b")).isEqualTo("contains two dots in a row");
    assertThat(BucketNames.problem("192.168.1.1")).isEqualTo("is formatted like an IP address");
    assertThat(BucketNames.problem("xn--abc")).isEqualTo("starts with a reserved prefix");
    assertThat(BucketNames.problem("abc-s3alias")).isEqualTo("ends with a reserved suffix");
    assertThat(BucketNames.problem("a b c")).isEqualTo("contains ' '");
  }
}
