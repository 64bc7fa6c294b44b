package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.Phase;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The providers' live reads on a real S3 API: {@code readLive} (drift) and {@code readById}
 * (import), called as the engine calls them, with changes made by hand through the SDK.
 */
@ExtendWith(S3TestServer.class)
@Timeout(60)
class S3LiveReadTest {

  @TempDir Path dir;

  private AwsStage stage;
  private final S3Client raw = S3TestServer.raw();

  @BeforeEach
  void setUp() {
    stage = new AwsStage(dir);
  }

  /** A provider call with the context the engine gives it. */
  private interface Call<T> {
    T apply(ResourceContext context) throws Exception;
  }

  /** Runs {@code call} in the root scope of a run that changes nothing itself. */
  private <T> T call(Call<T> call) {
    return call(stage.builder(), call);
  }

  private <T> T call(Alchemy.Builder builder, Call<T> call) {
    AtomicReference<T> result = new AtomicReference<>();
    builder.phase(Phase.READ).build().run(scope ->
        result.set(call.apply(new ResourceContext(scope, "it", scope.fqn("it"), dir))));
    return result.get();
  }

  /** Reads as {@code call} does and checks that nothing was changed. */
  private <T> T readOnly(Call<T> call) {
    S3TestServer.clearLog();
    T result = call(call);
    assertThat(S3TestServer.mutations()).as("a live read changes nothing").isEmpty();
    return result;
  }

  private void putTags(String bucket, Map<String, String> tags) {
    raw.putBucketTagging(t -> t.bucket(bucket).tagging(g -> g.tagSet(tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
  }

  // S3Bucket

  private S3Bucket.Props bucketProps(String name) {
    return S3Bucket.props(name).region("us-east-1").versioning(true).tag("team", "web").build();
  }

  @Test
  void anUnchangedBucketReadsAsRecorded() {
    String name = AwsStage.unique("same");
    S3Bucket.Props props = bucketProps(name);
    S3Bucket.Output output = call(c -> S3Bucket.provider().create(c, props));

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readLive(c, props, output));

    assertThat(live.kind()).isEqualTo(Live.Kind.FOUND);
    assertThat(live.props()).isEqualTo(props);
    assertThat(live.output()).isEqualTo(output);
  }

  @Test
  void tagsChangedByHandAreTheOnlyDifference() {
    String name = AwsStage.unique("tags");
    S3Bucket.Props props = bucketProps(name);
    S3Bucket.Output output = call(c -> S3Bucket.provider().create(c, props));
    // A changed value and a tag Alchemy never set: both are drift, the tag set is the props'.
    putTags(name, Map.of("team", "data", "added-by", "hand"));

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readLive(c, props, output));

    assertThat(live.props()).isEqualTo(new S3Bucket.Props(name, "us-east-1", true,
        Map.of("team", "data", "added-by", "hand"), false));
    assertThat(live.output().tags()).isEqualTo(Map.of("team", "data", "added-by", "hand"));
  }

  @Test
  void tagsOnlyAwsSetsAreNoDrift() {
    String name = AwsStage.unique("awstags");
    S3Bucket.Props props = bucketProps(name);
    S3Bucket.Output output = call(c -> S3Bucket.provider().create(c, props));
    putTags(name, Map.of("team", "web", "aws:cloudformation:stack-name", "legacy"));

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readLive(c, props, output));

    assertThat(live.props()).isEqualTo(props);
  }

  @Test
  void versioningSuspendedByHandIsTheOnlyDifference() {
    String name = AwsStage.unique("versions");
    S3Bucket.Props props = bucketProps(name);
    S3Bucket.Output output = call(c -> S3Bucket.provider().create(c, props));
    raw.putBucketVersioning(v -> v.bucket(name)
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readLive(c, props, output));

    assertThat(live.props()).isEqualTo(new S3Bucket.Props(name, "us-east-1", false,
        Map.of("team", "web"), false));
    assertThat(live.output().versioning()).isFalse();
  }

  @Test
  void aBucketDeletedByHandIsMissing() {
    String name = AwsStage.unique("gone");
    S3Bucket.Props props = bucketProps(name);
    S3Bucket.Output output = call(c -> S3Bucket.provider().create(c, props));
    raw.deleteBucket(d -> d.bucket(name));

    assertThat(readOnly(c -> S3Bucket.provider().readLive(c, props, output)).kind())
        .isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void aRegionLeftToTheScopeStaysUnnamedWhileTheBucketIsThere() {
    String name = AwsStage.unique("scope-region");
    S3Bucket.Props props = S3Bucket.props(name).build();
    S3Bucket.Output output = call(c -> S3Bucket.provider().create(c, props));
    assertThat(output.region()).isEqualTo("us-east-1");

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readLive(c, props, output));

    assertThat(live.props()).isEqualTo(props);
    assertThat(live.output()).isEqualTo(output);
  }

  @Test
  void importReadsABucketMadeByHandAsItIs() {
    String name = AwsStage.unique("legacy");
    raw.createBucket(c -> c.bucket(name));
    raw.putBucketVersioning(v -> v.bucket(name)
        .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    putTags(name, Map.of("owner", "ops"));
    S3Bucket.Props declared = S3Bucket.props(name).region("us-east-1").tag("owner", "alchemy")
        .forceDestroy(true).build();

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readById(c, name, declared));

    // forceDestroy is Alchemy's own setting: as declared.
    assertThat(live.props()).isEqualTo(new S3Bucket.Props(name, "us-east-1", true,
        Map.of("owner", "ops"), true));
    assertThat(live.output()).isEqualTo(new S3Bucket.Output(name, "us-east-1",
        "arn:aws:s3:::" + name, true, Map.of("owner", "ops")));
    assertThat(S3Bucket.provider().requiresReplacement(live.props(), declared)).isFalse();
  }

  @Test
  void importOfABucketInAnotherRegionShowsThatRegion() {
    String name = AwsStage.unique("elsewhere");
    raw.createBucket(c -> c.bucket(name)
        .createBucketConfiguration(b -> b.locationConstraint("eu-west-1")));
    S3Bucket.Props declared = S3Bucket.props(name).region("us-east-1").build();

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readById(c, name, declared));

    assertThat(live.props().region()).isEqualTo("eu-west-1");
    // The engine refuses such an import: a bucket cannot move.
    assertThat(S3Bucket.provider().requiresReplacement(live.props(), declared)).isTrue();
  }

  @Test
  void importOfABucketNobodyMadeIsMissing() {
    String name = AwsStage.unique("nobody");
    assertThat(readOnly(c -> S3Bucket.provider().readById(c, name, bucketProps(name))).kind())
        .isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void anImportIdThatIsNoBucketNameIsRefusedBeforeAnyRequest() {
    S3TestServer.clearLog();
    assertThatThrownBy(() -> call(c -> S3Bucket.provider().readById(c, "Legacy_Bucket",
        bucketProps("legacy-bucket"))))
        .hasMessageContaining("Cannot import my-app/dev/it: the import id 'Legacy_Bucket' is not"
            + " an S3 bucket name")
        .hasMessageContaining("ResourceOptions.importing(\"my-legacy-bucket\")");
    assertThat(S3TestServer.log()).isEmpty();
  }

  @Test
  void aStoreWithoutBucketTaggingKeepsTheTagsItCannotRead() {
    String name = S3TestServer.NO_TAGGING + "-" + AwsStage.unique("import");
    raw.createBucket(c -> c.bucket(name));
    S3Bucket.Props declared = S3Bucket.props(name).region("us-east-1").tag("team", "web").build();

    Live<S3Bucket.Props, S3Bucket.Output> live =
        readOnly(c -> S3Bucket.provider().readById(c, name, declared));

    assertThat(live.props().tags()).isEqualTo(Map.of("team", "web"));
  }

  @Test
  void inLocalModeTheLocalS3IsReadAndTagsAreAsRecorded() {
    String name = AwsStage.unique("local");
    S3Bucket.Props props = bucketProps(name);
    Alchemy.Builder local = new AwsStage(dir).builder().local(true);
    Live<S3Bucket.Props, S3Bucket.Output> live = call(local, c -> {
      S3Bucket.Output output = S3Bucket.provider().create(c, props);
      return S3Bucket.provider().readLive(c, props, output);
    });
    assertThat(live.props()).isEqualTo(props);
    // The test server, which the scope's credentials name, never saw the bucket.
    assertThat(readOnly(c -> S3Bucket.provider().readById(c, name, props)).kind())
        .isEqualTo(Live.Kind.MISSING);
  }

  // S3Object

  private String bucket() {
    String name = AwsStage.unique("objects");
    raw.createBucket(c -> c.bucket(name));
    return name;
  }

  @Test
  void anUnchangedObjectReadsAsRecorded() {
    String bucket = bucket();
    S3Object.Props html = S3Object.props(bucket, "index.html").content("<h1>v1</h1>")
        .contentType("text/html").build();
    // No content type: the default text/plain; charset=utf-8 reads as the same null.
    S3Object.Props text = S3Object.props(bucket, "notes/readme.txt").content("hello").build();
    S3Object.Output htmlOut = call(c -> S3Object.provider().create(c, html));
    S3Object.Output textOut = call(c -> S3Object.provider().create(c, text));

    Live<S3Object.Props, S3Object.Output> liveHtml =
        readOnly(c -> S3Object.provider().readLive(c, html, htmlOut));
    Live<S3Object.Props, S3Object.Output> liveText =
        readOnly(c -> S3Object.provider().readLive(c, text, textOut));

    assertThat(liveHtml.props()).isEqualTo(html);
    assertThat(liveHtml.output()).isEqualTo(htmlOut);
    assertThat(liveText.props()).isEqualTo(text);
    assertThat(S3TestServer.log()).as("one HEAD, no download")
        .containsExactly("HEAD /" + bucket + "/notes/readme.txt");
  }

  @Test
  void contentOverwrittenByHandIsTheOnlyDifference() {
    String bucket = bucket();
    S3Object.Props props = S3Object.props(bucket, "index.html").content("<h1>v1</h1>")
        .contentType("text/html").build();
    S3Object.Output output = call(c -> S3Object.provider().create(c, props));
    raw.putObject(p -> p.bucket(bucket).key("index.html").contentType("text/html"),
        RequestBody.fromString("<h1>by hand</h1>"));

    Live<S3Object.Props, S3Object.Output> live =
        readOnly(c -> S3Object.provider().readLive(c, props, output));

    assertThat(live.props()).isEqualTo(S3Object.props(bucket, "index.html")
        .content("<h1>by hand</h1>").contentType("text/html").build());
    assertThat(live.output().etag())
        .isEqualTo(S3Object.md5("<h1>by hand</h1>".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aContentTypeChangedByHandIsTheOnlyDifference() {
    String bucket = bucket();
    S3Object.Props props = S3Object.props(bucket, "data.json").content("{}")
        .contentType("application/json").build();
    S3Object.Output output = call(c -> S3Object.provider().create(c, props));
    raw.putObject(p -> p.bucket(bucket).key("data.json").contentType("text/plain"),
        RequestBody.fromString("{}"));

    Live<S3Object.Props, S3Object.Output> live =
        readOnly(c -> S3Object.provider().readLive(c, props, output));

    assertThat(live.props()).isEqualTo(S3Object.props(bucket, "data.json").content("{}")
        .contentType("text/plain").build());
    assertThat(S3TestServer.log()).as("the same bytes: nothing to download")
        .containsExactly("HEAD /" + bucket + "/data.json");
  }

  @Test
  void largeOrBinaryContentIsToldByItsHeadWithoutDownloadingIt() {
    String bucket = bucket();
    S3Object.Props props = S3Object.props(bucket, "blob.bin").content("v1")
        .contentType("application/octet-stream").build();
    S3Object.Output output = call(c -> S3Object.provider().create(c, props));
    byte[] large = new byte[S3Object.LIVE_TEXT_LIMIT + 1];
    Arrays.fill(large, (byte) 'a');
    raw.putObject(p -> p.bucket(bucket).key("blob.bin").contentType("application/octet-stream"),
        RequestBody.fromBytes(large));

    Live<S3Object.Props, S3Object.Output> live =
        readOnly(c -> S3Object.provider().readLive(c, props, output));

    String etag = S3Object.md5(large);
    assertThat(live.props().content())
        .isEqualTo("(other content: " + large.length + " bytes, ETag " + etag + ")");
    assertThat(live.props().contentType()).isEqualTo("application/octet-stream");
    assertThat(S3TestServer.log()).containsExactly("HEAD /" + bucket + "/blob.bin");

    // Small, but not UTF-8: fetched once, then told by size and ETag all the same.
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
    raw.putObject(p -> p.bucket(bucket).key("blob.bin").contentType("application/octet-stream"),
        RequestBody.fromBytes(binary));
    assertThat(readOnly(c -> S3Object.provider().readLive(c, props, output)).props().content())
        .isEqualTo("(other content: 4 bytes, ETag " + S3Object.md5(binary) + ")");
    assertThat(S3TestServer.log())
        .containsExactly("HEAD /" + bucket + "/blob.bin", "GET /" + bucket + "/blob.bin");
  }

  @Test
  void aFileObjectOverwrittenByHandDiffersInItsHash() throws Exception {
    String bucket = bucket();
    Path file = Files.writeString(dir.resolve("app.js"), "console.log(1)");
    S3Object.Props props = S3Object.props(bucket, "app.js").file(file).build();
    S3Object.Output output = call(c -> S3Object.provider().create(c, props));
    assertThat(readOnly(c -> S3Object.provider().readLive(c, props, output)).props())
        .isEqualTo(props);
    raw.putObject(p -> p.bucket(bucket).key("app.js").contentType("text/javascript"),
        RequestBody.fromString("console.log(2)"));

    Live<S3Object.Props, S3Object.Output> live =
        readOnly(c -> S3Object.provider().readLive(c, props, output));

    assertThat(live.props()).isEqualTo(new S3Object.Props(bucket, "app.js", null,
        file.toString(), "(other content: 14 bytes, ETag "
            + S3Object.md5("console.log(2)".getBytes(StandardCharsets.UTF_8)) + ")", null));
    assertThat(S3TestServer.log()).containsExactly("HEAD /" + bucket + "/app.js");
  }

  @Test
  void anObjectOrItsBucketDeletedByHandIsMissing() {
    String bucket = bucket();
    S3Object.Props props = S3Object.props(bucket, "a.txt").content("a").build();
    S3Object.Output output = call(c -> S3Object.provider().create(c, props));
    raw.deleteObject(d -> d.bucket(bucket).key("a.txt"));
    assertThat(readOnly(c -> S3Object.provider().readLive(c, props, output)).kind())
        .isEqualTo(Live.Kind.MISSING);

    raw.deleteBucket(d -> d.bucket(bucket));
    assertThat(readOnly(c -> S3Object.provider().readLive(c, props, output)).kind())
        .isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void importReadsAnObjectMadeByHandAsItIs() {
    String bucket = bucket();
    raw.putObject(p -> p.bucket(bucket).key("site/index.html").contentType("text/html"),
        RequestBody.fromString("<h1>legacy</h1>"));
    S3Object.Props declared = S3Object.props(bucket, "site/index.html")
        .content("<h1>managed</h1>").build();

    for (String id : List.of(bucket + "/site/index.html", "s3://" + bucket + "/site/index.html")) {
      Live<S3Object.Props, S3Object.Output> live =
          readOnly(c -> S3Object.provider().readById(c, id, declared));
      assertThat(live.props()).as(id).isEqualTo(S3Object.props(bucket, "site/index.html")
          .content("<h1>legacy</h1>").contentType("text/html").build());
      assertThat(live.output().etag())
          .isEqualTo(S3Object.md5("<h1>legacy</h1>".getBytes(StandardCharsets.UTF_8)));
      assertThat(S3Object.provider().requiresReplacement(live.props(), declared)).isFalse();
    }
  }

  @Test
  void importOfAnObjectThatHoldsTheDeclaredContentShowsNoDifference() throws Exception {
    String bucket = bucket();
    Path file = Files.writeString(dir.resolve("logo.svg"), "<svg/>");
    raw.putObject(p -> p.bucket(bucket).key("img/logo.svg").contentType("image/svg+xml"),
        RequestBody.fromFile(file));
    S3Object.Props declared = S3Object.props(bucket, "img/logo.svg").file("logo.svg").build();

    Live<S3Object.Props, S3Object.Output> live =
        readOnly(c -> S3Object.provider().readById(c, bucket + "/img/logo.svg", declared));

    assertThat(live.props()).isEqualTo(declared);
    assertThat(S3TestServer.log()).containsExactly("HEAD /" + bucket + "/img/logo.svg");
  }

  @Test
  void importOfAnObjectNobodyMadeIsMissing() {
    String bucket = bucket();
    S3Object.Props declared = S3Object.props(bucket, "nothing.txt").content("x").build();
    assertThat(readOnly(c -> S3Object.provider().readById(c, bucket + "/nothing.txt", declared))
        .kind()).isEqualTo(Live.Kind.MISSING);
    String noBucket = AwsStage.unique("nobucket");
    assertThat(readOnly(c -> S3Object.provider().readById(c, noBucket + "/nothing.txt",
        declared)).kind()).isEqualTo(Live.Kind.MISSING);
  }

  @Test
  void anImportIdWithoutAKeyIsRefused() {
    S3Object.Props declared = S3Object.props("my-bucket", "a.txt").content("x").build();
    for (String id : List.of("my-bucket", "my-bucket/", "/a.txt", "s3://my-bucket")) {
      assertThatThrownBy(() -> call(c -> S3Object.provider().readById(c, id, declared)))
          .as(id)
          .hasMessageContaining("Cannot import my-app/dev/it: the import id '" + id
              + "' is not bucket/key")
          .hasMessageContaining("ResourceOptions.importing(\"my-bucket/site/index.html\")");
    }
  }
}
