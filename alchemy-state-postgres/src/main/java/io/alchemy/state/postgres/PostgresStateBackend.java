package io.alchemy.state.postgres;

import io.alchemy.core.state.InvalidStateSettingException;
import io.alchemy.core.state.StateBackend;
import io.alchemy.core.state.StateSettings;
import io.alchemy.core.state.StateStore;
import java.util.List;

/**
 * The {@code postgres} state backend, found at run time by hosts that have this module on their
 * class path. Settings: {@code jdbcUrl} (required), {@code schema}, {@code username} and the
 * secret {@code password}.
 */
public final class PostgresStateBackend implements StateBackend {

  /** The name users select it by. */
  public static final String NAME = "postgres";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> settingNames() {
    return List.of("jdbcUrl", "schema", "username", "password");
  }

  @Override
  public List<String> secretSettingNames() {
    return List.of("password");
  }

  @Override
  public StateStore open(StateSettings settings) {
    PostgresStateConfig config = config(settings);
    loadDriver();
    return new PostgresStateStore(config);
  }

  @Override
  public String describe(StateSettings settings) {
    return config(settings).safeUrl();
  }

  @Override
  public String location(StateSettings settings, String app, String stage) {
    PostgresStateConfig config = config(settings);
    return "table " + config.schema() + ".records at " + config.safeUrl();
  }

  /** The checked configuration; each problem names its setting. */
  static PostgresStateConfig config(StateSettings settings) {
    String url = settings.value("jdbcUrl");
    if (url == null) {
      throw new InvalidStateSettingException("jdbcUrl", "The postgres state backend needs a"
          + " jdbcUrl, e.g. jdbc:postgresql://db.example.com:5432/infra.");
    }
    try {
      PostgresStateConfig.of(url, null, null);
    } catch (IllegalArgumentException e) {
      throw new InvalidStateSettingException("jdbcUrl", e.getMessage());
    }
    try {
      return new PostgresStateConfig(url, settings.value("username"),
          settings.secret("password"), settings.value("schema"));
    } catch (IllegalArgumentException e) {
      throw new InvalidStateSettingException("schema", e.getMessage());
    }
  }

  /**
   * The driver registers itself with {@code DriverManager} when its class is loaded; inside a
   * host with its own class loaders (Maven's realms) the JDK's service lookup may not see it.
   */
  private static void loadDriver() {
    try {
      Class.forName("org.postgresql.Driver", true, PostgresStateBackend.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // the store then reports "no suitable driver" with its URL
    }
  }
}
