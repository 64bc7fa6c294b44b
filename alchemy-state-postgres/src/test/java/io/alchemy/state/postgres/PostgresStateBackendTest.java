package io.alchemy.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.InvalidStateSettingException;
import io.alchemy.core.state.StateBackend;
import io.alchemy.core.state.StateSettings;
import org.junit.jupiter.api.Test;

/** The backend a host finds at run time: its name, its settings, and what it refuses. */
class PostgresStateBackendTest {

  private final StateBackend backend =
      StateBackend.installed(getClass().getClassLoader()).get("postgres");

  @Test
  void isInstalledByItsServiceFileAndDescribesWhereStateLivesWithoutThePassword() {
    assertThat(backend).isInstanceOf(PostgresStateBackend.class);
    StateSettings settings = StateSettings.none()
        .with("jdbcUrl", "jdbc:postgresql://db.example.com:5432/infra?password=hidden")
        .with("username", "alchemy").withSecret("password", Secret.of("s3cr3t"))
        .with("schema", "team");
    assertThat(backend.location(settings, "app", "prod"))
        .isEqualTo("table team.records at jdbc:postgresql://db.example.com:5432/infra?…");
    // Opening builds the store; nothing connects until a run opens a stage.
    assertThat(backend.open(settings)).isInstanceOf(PostgresStateStore.class);
    assertThat(backend.secretSettingNames()).containsExactly("password");
  }

  @Test
  void aMissingOrBadSettingIsNamed() {
    InvalidStateSettingException missing = catchThrowableOfType(
        InvalidStateSettingException.class, () -> backend.open(StateSettings.none()));
    assertThat(missing.setting()).isEqualTo("jdbcUrl");
    InvalidStateSettingException url = catchThrowableOfType(InvalidStateSettingException.class,
        () -> backend.open(StateSettings.none().with("jdbcUrl", "jdbc:mysql://x/y")));
    assertThat(url.setting()).isEqualTo("jdbcUrl");
    assertThat(url).hasMessageContaining("does not start with jdbc:postgresql:");
    InvalidStateSettingException schema = catchThrowableOfType(
        InvalidStateSettingException.class, () -> backend.open(StateSettings.none()
            .with("jdbcUrl", "jdbc:postgresql://x/y").with("schema", "Bad-Schema")));
    assertThat(schema.setting()).isEqualTo("schema");
  }
}
