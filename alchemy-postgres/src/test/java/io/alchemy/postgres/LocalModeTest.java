package io.alchemy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.DeploymentFailedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No local alternative yet: local mode says so before connecting, and records nothing. */
class LocalModeTest {

  @TempDir Path dir;

  @Test
  void aRoleInLocalModeIsAClearErrorAndNothingIsRecorded() {
    Alchemy local = Alchemy.builder().app("my-app").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir).local(true).build();
    assertThatThrownBy(() -> local.run(scope ->
        Role.declare(scope, "app-user", Role.props("app_user").build())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource my-app/dev/app-user (postgres::Role) has no local"
            + " alternative");
    assertThat(dir.resolve("state/my-app/dev@local")).doesNotExist();
  }
}
