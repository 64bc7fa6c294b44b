package io.alchemy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3 has no local alternative: local mode says so before any request, and records nothing. */
class LocalModeTest {

  @TempDir Path dir;

  @Test
  void aBucketInLocalModeIsAClearErrorAndNothingIsRecorded() {
    Alchemy local = Alchemy.builder().app("my-app").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir).local(true).build();
    assertThatThrownBy(() -> local.run(scope ->
        S3Bucket.declare(scope, "images", S3Bucket.props("my-app-images").region("us-east-1")
            .build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/images (aws::S3Bucket) has no local"
            + " alternative, and local mode (-Dalchemy.local, alchemy:dev) never touches deployed"
            + " resources. Skip it when running locally: if (!scope.local())");
    assertThat(dir.resolve("state/my-app/dev@local")).doesNotExist();
  }
}
