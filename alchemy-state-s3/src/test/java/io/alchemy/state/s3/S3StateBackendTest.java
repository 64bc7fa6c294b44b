package io.alchemy.state.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.InvalidStateSettingException;
import io.alchemy.core.state.StateBackend;
import io.alchemy.core.state.StateSettings;
import org.junit.jupiter.api.Test;

/** The backend a host finds at run time: its name, its settings, and what it refuses. */
class S3StateBackendTest {

  private final StateBackend backend =
      StateBackend.installed(getClass().getClassLoader()).get("s3");

  @Test
  void isInstalledByItsServiceFileAndBuildsNoClientUntilUsed() {
    assertThat(backend).isInstanceOf(S3StateBackend.class);
    StateSettings settings = StateSettings.none().with("bucket", "team-state")
        .with("prefix", "infra").with("endpointOverride", "http://localhost:1")
        .with("pathStyle", "true").with("lease", "30")
        .withSecret("accessKeyId", Secret.of("AKIA-ID"))
        .withSecret("secretAccessKey", Secret.of("very-secret"));
    assertThat(backend.location(settings, "app", "prod"))
        .isEqualTo("s3://team-state/infra/app/prod/ at http://localhost:1");
    assertThat(backend.open(settings).toString()).doesNotContain("very-secret")
        .contains("s3://team-state/infra/");
    // "/" is the bucket's root.
    assertThat(backend.location(settings.with("prefix", "/"), "app", "prod"))
        .startsWith("s3://team-state/app/prod/");
  }

  @Test
  void aMissingOrBadSettingIsNamed() {
    StateSettings bucket = StateSettings.none().with("bucket", "team-state");
    assertThat(setting(StateSettings.none())).isEqualTo("bucket");
    assertThat(setting(StateSettings.none().with("bucket", "Not_A_Bucket"))).isEqualTo("bucket");
    assertThat(setting(bucket.with("pathStyle", "yes"))).isEqualTo("pathStyle");
    assertThat(setting(bucket.with("lease", "soon"))).isEqualTo("lease");
    assertThat(setting(bucket.with("lease", "PT0.1S"))).isEqualTo("lease");
    assertThat(setting(bucket.with("endpointOverride", "not a url"))).isEqualTo("endpointOverride");
    assertThat(setting(bucket.withSecret("accessKeyId", Secret.of("id"))))
        .isEqualTo("accessKeyId");
  }

  private String setting(StateSettings settings) {
    return catchThrowableOfType(InvalidStateSettingException.class, () -> backend.open(settings))
        .setting();
  }
}
