package io.alchemy.maven;

import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.InvalidStateSettingException;
import io.alchemy.core.state.StateSettings;
import io.alchemy.core.state.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Builds the state store a goal runs against from {@code backend} ({@code filesystem}, {@code
 * postgres}, {@code s3}) and the {@code <stateDir>}, {@code <postgres>} and {@code <s3>} settings,
 * with credentials from settings.xml servers. The one place that knows the backends' names.
 */
final class StateBackends {

  static final String FILESYSTEM = "filesystem";
  static final String POSTGRES = "postgres";
  static final String S3 = "s3";

  /** Every backend name, the default first. */
  static final List<String> NAMES = List.of(FILESYSTEM, POSTGRES, S3);

  private static final String WHERE = "the alchemy-maven-plugin configuration";

  private final PostgresStateConfiguration postgres;
  private final S3StateConfiguration s3;
  private final UserProperties properties;
  private final SettingsServers servers;

  /**
   * Backends configured by these blocks, either of which may be {@code null} (then only
   * properties configure it).
   */
  StateBackends(PostgresStateConfiguration postgres, S3StateConfiguration s3,
      UserProperties properties, SettingsServers servers) {
    this.postgres = postgres == null ? new PostgresStateConfiguration() : postgres;
    this.s3 = s3 == null ? new S3StateConfiguration() : s3;
    this.properties = properties;
    this.servers = servers;
  }

  /** Where installed backends are looked for: the plugin's realm, or a test's loader. */
  private ClassLoader backendsLoader = StateBackends.class.getClassLoader();

  /** Looks for installed backends in {@code loader} instead of the plugin's realm. */
  StateBackends withBackendsFrom(ClassLoader loader) {
    this.backendsLoader = loader;
    return this;
  }

  /**
   * A backend name, checked.
   *
   * @param value as given; blank means {@value #FILESYSTEM}
   * @param what e.g. {@code The state backend}, for messages
   * @param origin where it came from
   * @param fix how to set another, e.g. {@code -Dalchemy.backend=postgres or <backend> in ...}
   * @throws ConfigurationProblem when it names no backend
   */
  static String name(String value, String what, String origin, String fix)
      throws ConfigurationProblem {
    // A blank value is a mistake (-Dalchemy.backend=), never the default: it may be a CI
    // variable that was meant to name the team backend.
    String name = value == null ? FILESYSTEM
        : value.trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new ConfigurationProblem(new ConfigurationProblem.UnknownChoice(what, value, origin,
          NAMES, fix));
    }
    return name;
  }

  /**
   * The backend {@code name}, its store built but not yet connected.
   *
   * @param stateDir the folder of the filesystem backend, absolute
   * @param stateDirSetting how to change {@code stateDir}, e.g. {@code -Dalchemy.stateDir or
   *     <stateDir>}
   * @param needs what needs the backend, with where the name came from, for messages
   * @throws ConfigurationProblem when a block's settings are missing or invalid
   */
  StateBackend open(String name, Path stateDir, String stateDirSetting, String needs)
      throws ConfigurationProblem {
    if (FILESYSTEM.equals(name)) {
      FileSystemStateStore store = new FileSystemStateStore(stateDir);
      return new StateBackend(FILESYSTEM, store,
          (app, stage) -> store.stageDir(app, stage).toString(), null,
          "state folder: " + stateDir + ", set with " + stateDirSetting);
    }
    BackendSettings resolved = POSTGRES.equals(name)
        ? postgres.resolve(properties, servers, WHERE, needs)
        : s3.resolve(properties, servers, WHERE, needs);
    io.alchemy.core.state.StateBackend installed =
        io.alchemy.core.state.StateBackend.installed(backendsLoader).get(name);
    if (installed == null) {
      throw new ConfigurationProblem(new ConfigurationProblem.NotInstalled(needs,
          "alchemy-state-" + name, PluginVersion.get()));
    }
    try {
      StateStore store = installed.open(resolved.settings());
      StateSettings settings = resolved.settings();
      return new StateBackend(name, store, (app, stage) -> installed.location(settings, app,
          stage), resolved.login(), resolved.note(installed.describe(settings)));
    } catch (InvalidStateSettingException refused) {
      throw resolved.invalid(refused);
    }
  }

}
