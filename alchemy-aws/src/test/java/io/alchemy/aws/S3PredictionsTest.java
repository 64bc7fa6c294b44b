package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.credentials.S3Endpoint;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.secret.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3Bucket and S3Object in a plan, with an endpoint where nothing listens: a prediction never
 * sends a request. What up then returns is checked against a real S3 API in {@link S3BucketTest}
 * and {@link S3ObjectTest}.
 */
@Timeout(60)
class S3PredictionsTest {

  private static final S3Endpoint NOWHERE = S3Endpoint.of("http://127.0.0.1:1");

  @TempDir Path dir;

  private final Map<String, Object> outputs = new ConcurrentHashMap<>();

  private Alchemy.Builder alchemy(ProviderCredentials credentials) {
    return Alchemy.builder().app("my-app").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir).credentials(credentials);
  }

  private static ProviderCredentials inRegion(String region) {
    return ProviderCredentials.of(new AwsCredentials("AKIAIOSFODNN7EXAMPLE",
        Secret.of("not-a-real-key"), region), NOWHERE);
  }

  private static String unknown(String id, String field) {
    return Unknowns.marker("my-app/dev/" + id, field);
  }

  @Test
  void aBucketsNameArnRegionAndSettingsFollowFromItsProps() {
    Plan plan = alchemy(inRegion("eu-central-1")).build().plan(scope -> {
      S3Bucket.Output images = S3Bucket.declare(scope, "images", S3Bucket.props("my-images")
          .versioning(true).tag("team", "web").build());
      outputs.put("images", images);
      outputs.put("logs", S3Bucket.declare(scope, "logs", S3Bucket.props("my-logs")
          .region("us-west-2").build()));
      outputs.put("index", S3Object.declare(scope, "index", S3Object.props(images.name(),
          "site/index.html").content("<h1>Hi</h1>").build()));
    });
    assertThat(plan.summary()).isEqualTo("Plan for my-app/dev: 3 to create, 0 to update,"
        + " 0 to replace, 0 to delete, 0 unchanged");
    assertThat(outputs.get("images")).isEqualTo(new S3Bucket.Output("my-images",
        "eu-central-1", "arn:aws:s3:::my-images", true, Map.of("team", "web")));
    assertThat(((S3Bucket.Output) outputs.get("logs")).region()).isEqualTo("us-west-2");
    // ETag and version id are S3's to give.
    assertThat(outputs.get("index")).isEqualTo(new S3Object.Output("my-images",
        "site/index.html", unknown("index", "etag"), unknown("index", "versionId")));
  }

  @Test
  void withoutAConfiguredRegionTheRegionIsUnknownRatherThanAsked() {
    alchemy(inRegion(null)).build().plan(scope -> outputs.put("images",
        S3Bucket.declare(scope, "images", S3Bucket.props("my-images").build())));
    S3Bucket.Output images = (S3Bucket.Output) outputs.get("images");
    assertThat(images.region()).isEqualTo(unknown("images", "region"));
    assertThat(images.arn()).isEqualTo("arn:aws:s3:::my-images");
  }

  @Test
  void aPlanRefusesWhatUpRefusesBeforeAnyRequest() {
    assertThatThrownBy(() -> alchemy(inRegion("eu-central-1")).build().plan(scope ->
        S3Bucket.declare(scope, "images", S3Bucket.props("Not_A_Bucket").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Not_A_Bucket");
    assertThatThrownBy(() -> alchemy(ProviderCredentials.none()).build().plan(scope ->
        scope.resource("index", S3Object.provider(), S3Object.props("my-images", "a.txt")
            .content("a").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("No AwsCredentials credentials are configured");
  }
}
