package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceOptions;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunResult;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.PlanAction;
import io.alchemy.core.plan.PlannedChange;
import io.alchemy.core.plan.PropChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

/**
 * Drift and import of buckets and objects through full runs: changed or deleted by hand, found by
 * a refresh plan, repaired by {@code up}; made by hand, taken over with {@code
 * ResourceOptions.importing}.
 */
@ExtendWith(S3TestServer.class)
@Timeout(60)
class S3DriftTest {

  @TempDir Path dir;

  private AwsStage stage;
  private final S3Client raw = S3TestServer.raw();

  @BeforeEach
  void setUp() {
    stage = new AwsStage(dir);
    S3TestServer.clearLog();
  }

  private Plan refreshPlan(InfrastructureDefinition definition) {
    S3TestServer.clearLog();
    Plan plan = stage.builder().refresh(true).build().plan(definition);
    assertThat(S3TestServer.mutations()).as("a plan changes nothing").isEmpty();
    return plan;
  }

  private RunResult refreshUp(InfrastructureDefinition definition) {
    return stage.builder().refresh(true).build().run(definition);
  }

  /** A second look finds everything as declared. */
  private void assertSettled(InfrastructureDefinition definition) {
    Plan again = refreshPlan(definition);
    assertThat(again.drift()).isEmpty();
    assertThat(again.hasChanges()).as("%s", again.lines()).isFalse();
  }

  private static PropChange change(String path, String live, String recorded) {
    return new PropChange(path, live, recorded, false);
  }

  private void putTags(String bucket, Map<String, String> tags) {
    raw.putBucketTagging(t -> t.bucket(bucket).tagging(g -> g.tagSet(tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
  }

  private Map<String, String> tags(String bucket) {
    return raw.getBucketTagging(t -> t.bucket(bucket)).tagSet().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private BucketVersioningStatus versioning(String bucket) {
    return raw.getBucketVersioning(v -> v.bucket(bucket)).status();
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

  private static List<ResourceAction> actions(RunResult result) {
    return result.resources().stream().map(ResourceReport::action).toList();
  }

  @Test
  void whatUpMadeHasNoDrift() throws Exception {
    String bucket = AwsStage.unique("fresh");
    Path logo = Files.writeString(dir.resolve("logo.svg"), "<svg/>");
    InfrastructureDefinition definition = scope -> {
      S3Bucket.Output site = S3Bucket.declare(scope, "site", S3Bucket.props(bucket)
          .versioning(true).tag("team", "web").build());
      S3Object.declare(scope, "readme", S3Object.props(site.name(), "README")
          .content("plain text, default content type").build());
      S3Object.declare(scope, "logo", S3Object.props(site.name(), "logo.svg")
          .file(logo).build());
      S3Object.declare(scope, "relative", S3Object.props(site.name(), "logo-again.svg")
          .file("logo.svg").build());
    };
    stage.up(definition);

    assertSettled(definition);
    S3TestServer.clearLog();
    RunResult again = refreshUp(definition);
    assertThat(again.drift()).isEmpty();
    assertThat(again.unchanged()).isEqualTo(4);
    assertThat(S3TestServer.mutations()).isEmpty();
  }

  // Buckets

  private static InfrastructureDefinition versionedBucket(String name) {
    return scope -> S3Bucket.declare(scope, "data", S3Bucket.props(name).versioning(true)
        .tag("team", "web").build());
  }

  @Test
  void aBucketChangedByHandIsDriftThatUpRepairs() {
    String name = AwsStage.unique("drift");
    InfrastructureDefinition definition = versionedBucket(name);
    stage.up(definition);
    putTags(name, Map.of("team", "data", "added-by", "hand"));
    raw.putBucketVersioning(v -> v.bucket(name)
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));

    Plan plan = refreshPlan(definition);

    assertThat(plan.drift()).containsExactly(new Drift("my-app/dev/data", S3Bucket.TYPE,
        Drift.Kind.DRIFTED, List.of(change("versioning", "false", "true"),
            change("tags.added-by", "\"hand\"", null), change("tags.team", "\"data\"",
                "\"web\""))));
    assertThat(versioning(name)).isEqualTo(BucketVersioningStatus.SUSPENDED);

    RunResult repaired = refreshUp(definition);

    assertThat(repaired.drift()).hasSize(1);
    assertThat(versioning(name)).isEqualTo(BucketVersioningStatus.ENABLED);
    assertThat(tags(name)).isEqualTo(Map.of("team", "web"));
    assertSettled(definition);
  }

  @Test
  void aBucketDeletedByHandIsCreatedAgain() {
    String name = AwsStage.unique("deleted");
    InfrastructureDefinition definition = versionedBucket(name);
    stage.up(definition);
    raw.deleteBucket(d -> d.bucket(name));

    Plan plan = refreshPlan(definition);

    assertThat(plan.drift()).containsExactly(new Drift("my-app/dev/data", S3Bucket.TYPE,
        Drift.Kind.DELETED, List.of()));
    assertThat(exists(name)).isFalse();

    refreshUp(definition);

    assertThat(exists(name)).isTrue();
    assertThat(versioning(name)).isEqualTo(BucketVersioningStatus.ENABLED);
    assertThat(tags(name)).isEqualTo(Map.of("team", "web"));
    assertSettled(definition);
  }

  @Test
  void aBucketMadeByHandIsImportedKeepingItsObjects() throws Exception {
    String name = AwsStage.unique("legacy");
    raw.createBucket(c -> c.bucket(name));
    putTags(name, Map.of("owner", "ops"));
    raw.putObject(p -> p.bucket(name).key("old/data.csv"), RequestBody.fromString("1,2,3"));
    InfrastructureDefinition definition = scope -> S3Bucket.declare(scope, "legacy",
        S3Bucket.props(name).tag("owner", "alchemy").build(), ResourceOptions.importing(name));

    Plan plan = refreshPlan(definition);
    assertThat(plan.changes()).containsExactly(new PlannedChange("my-app/dev/legacy",
        S3Bucket.TYPE, PlanAction.IMPORT, List.of(change("tags.owner", "\"ops\"",
            "\"alchemy\"")), plan.changes().get(0).reason()));
    assertThat(stage.state()).doesNotContain(name);

    S3TestServer.clearLog();
    RunResult imported = stage.up(definition);

    assertThat(actions(imported)).containsExactly(ResourceAction.IMPORT);
    assertThat(S3TestServer.mutations()).as("recorded, not created: only the tags change")
        .containsExactly("PUT /" + name + "?tagging");
    assertThat(tags(name)).isEqualTo(Map.of("owner", "alchemy"));
    assertThat(content(name, "old/data.csv")).isEqualTo("1,2,3");
    assertSettled(definition);
    assertThat(stage.up(definition).unchanged()).isEqualTo(1);
  }

  @Test
  void anImportedBucketIsDestroyedLikeOneAlchemyMadeOnlyWhenEmptyOrForced() throws Exception {
    String name = AwsStage.unique("legacy");
    raw.createBucket(c -> c.bucket(name));
    raw.putObject(p -> p.bucket(name).key("old/data.csv"), RequestBody.fromString("1,2,3"));
    InfrastructureDefinition kept = scope -> S3Bucket.declare(scope, "legacy",
        S3Bucket.props(name).build(), ResourceOptions.importing(name));
    stage.up(kept);

    // What was in it before the import is no S3Object of this stage: the bucket stays.
    assertThatThrownBy(() -> stage.destroy(kept)).hasMessageContaining("Bucket " + name
        + " was not deleted: it still holds objects");
    assertThat(content(name, "old/data.csv")).isEqualTo("1,2,3");

    InfrastructureDefinition forced = scope -> S3Bucket.declare(scope, "legacy",
        S3Bucket.props(name).forceDestroy(true).build(), ResourceOptions.importing(name));
    stage.up(forced);
    stage.destroy(forced);
    assertThat(exists(name)).isFalse();
  }

  @Test
  void importingABucketNobodyMadeFailsAndChangesNothing() throws Exception {
    String name = AwsStage.unique("nobody");
    InfrastructureDefinition definition = scope -> S3Bucket.declare(scope, "legacy",
        S3Bucket.props(name).build(), ResourceOptions.importing(name));

    assertThatThrownBy(() -> stage.up(definition)).hasMessageContaining(name);

    assertThat(S3TestServer.mutations()).isEmpty();
    assertThat(exists(name)).isFalse();
    assertThat(stage.state()).doesNotContain("my-app/dev/legacy").doesNotContain(name);
  }

  @Test
  void aBucketInAnotherRegionIsNotImported() throws Exception {
    String name = AwsStage.unique("elsewhere");
    raw.createBucket(c -> c.bucket(name)
        .createBucketConfiguration(b -> b.locationConstraint("eu-west-1")));
    InfrastructureDefinition definition = scope -> S3Bucket.declare(scope, "legacy",
        S3Bucket.props(name).build(), ResourceOptions.importing(name));

    assertThatThrownBy(() -> stage.up(definition)).hasMessageContaining(name);

    assertThat(S3TestServer.mutations()).isEmpty();
    assertThat(exists(name)).isTrue();
    assertThat(stage.state()).doesNotContain(name);
  }

  // Objects

  private static InfrastructureDefinition page(String bucket, String content) {
    return scope -> {
      S3Bucket.Output site = S3Bucket.declare(scope, "site", S3Bucket.props(bucket).build());
      S3Object.declare(scope, "page", S3Object.props(site.name(), "index.html")
          .content(content).contentType("text/html").build());
    };
  }

  @Test
  void anObjectOverwrittenByHandIsDriftThatUpRepairs() {
    String bucket = AwsStage.unique("site");
    InfrastructureDefinition definition = page(bucket, "<h1>v1</h1>");
    stage.up(definition);
    raw.putObject(p -> p.bucket(bucket).key("index.html").contentType("text/plain"),
        RequestBody.fromString("<h1>by hand</h1>"));

    Plan plan = refreshPlan(definition);

    assertThat(plan.drift()).containsExactly(new Drift("my-app/dev/page", S3Object.TYPE,
        Drift.Kind.DRIFTED, List.of(change("content", "\"<h1>by hand</h1>\"",
            "\"<h1>v1</h1>\""), change("contentType", "\"text/plain\"", "\"text/html\""))));

    refreshUp(definition);

    assertThat(content(bucket, "index.html")).isEqualTo("<h1>v1</h1>");
    assertThat(raw.headObject(h -> h.bucket(bucket).key("index.html")).contentType())
        .isEqualTo("text/html");
    assertSettled(definition);
  }

  @Test
  void anObjectDeletedByHandIsWrittenAgain() {
    String bucket = AwsStage.unique("site");
    InfrastructureDefinition definition = page(bucket, "<h1>v1</h1>");
    stage.up(definition);
    raw.deleteObject(d -> d.bucket(bucket).key("index.html"));

    Plan plan = refreshPlan(definition);

    assertThat(plan.drift()).containsExactly(new Drift("my-app/dev/page", S3Object.TYPE,
        Drift.Kind.DELETED, List.of()));

    refreshUp(definition);

    assertThat(content(bucket, "index.html")).isEqualTo("<h1>v1</h1>");
    assertSettled(definition);
  }

  @Test
  void anObjectMadeByHandIsImportedByBucketAndKey() throws Exception {
    String bucket = AwsStage.unique("legacy-site");
    raw.createBucket(c -> c.bucket(bucket));
    raw.putObject(p -> p.bucket(bucket).key("site/index.html").contentType("text/html"),
        RequestBody.fromString("<h1>legacy</h1>"));
    InfrastructureDefinition definition = scope -> S3Object.declare(scope, "page",
        S3Object.props(bucket, "site/index.html").content("<h1>managed</h1>")
            .contentType("text/html").build(),
        ResourceOptions.importing(bucket + "/site/index.html"));

    Plan plan = refreshPlan(definition);
    assertThat(plan.changes()).extracting(PlannedChange::action, PlannedChange::changes)
        .containsExactly(tuple(PlanAction.IMPORT,
            List.of(change("content", "\"<h1>legacy</h1>\"", "\"<h1>managed</h1>\""))));
    assertThat(content(bucket, "site/index.html")).isEqualTo("<h1>legacy</h1>");

    RunResult imported = stage.up(definition);

    assertThat(actions(imported)).containsExactly(ResourceAction.IMPORT);
    assertThat(content(bucket, "site/index.html")).isEqualTo("<h1>managed</h1>");
    assertSettled(definition);
  }

  @Test
  void importingAnObjectNobodyMadeFailsAndChangesNothing() throws Exception {
    String bucket = AwsStage.unique("empty");
    raw.createBucket(c -> c.bucket(bucket));
    String id = bucket + "/missing.txt";
    InfrastructureDefinition definition = scope -> S3Object.declare(scope, "note",
        S3Object.props(bucket, "missing.txt").content("x").build(),
        ResourceOptions.importing(id));

    assertThatThrownBy(() -> stage.up(definition)).hasMessageContaining(id);

    assertThat(S3TestServer.mutations()).isEmpty();
    assertThat(raw.listObjectsV2(l -> l.bucket(bucket)).contents()).isEmpty();
    assertThat(stage.state()).doesNotContain("missing.txt");
  }
}
