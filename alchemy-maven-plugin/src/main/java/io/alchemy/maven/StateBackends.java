package io.alchemy.maven;

import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import io.alchemy.state.postgres.PostgresStateStore;
import io.alchemy.state.s3.S3StateConfig;
import io.alchemy.state.s3.S3StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    switch (name) {
      case POSTGRES -> {
        PostgresStateConfiguration.Resolved resolved = postgres.resolve(properties, servers,
            WHERE, needs);
        loadDriver();
        PostgresStateStore store = new PostgresStateStore(resolved.config());
        String table = "table " + resolved.config().schema() + ".records at "
            + resolved.config().safeUrl();
        return new StateBackend(POSTGRES, store, (app, stage) -> table, resolved.login(),
            resolved.note());
      }
      case S3 -> {
        S3StateConfiguration.Resolved resolved = s3.resolve(properties, servers, WHERE, needs);
        String endpoint = resolved.config().endpointOverride() == null ? ""
            : " at " + resolved.config().endpointOverride();
        String root = "s3://" + resolved.config().bucket() + "/"
            + (resolved.config().prefix().isEmpty() ? "" : resolved.config().prefix() + "/");
        // The client is built at first use: building it may already fail (no region found), and
        // the goal reports that with this backend's note.
        return new StateBackend(S3, new LazyS3(resolved, root + endpoint),
            (app, stage) -> root + app + "/" + stage + "/" + endpoint, resolved.login(),
            resolved.note());
      }
      default -> {
        FileSystemStateStore store = new FileSystemStateStore(stateDir);
        return new StateBackend(FILESYSTEM, store,
            (app, stage) -> store.stageDir(app, stage).toString(), null,
            "state folder: " + stateDir + ", set with " + stateDirSetting);
      }
    }
  }

  /**
   * The driver registers itself with {@code DriverManager} when its class is loaded. Inside
   * Maven, the JDK's service lookup does not see the plugin's class path, so load it here.
   */
  private static void loadDriver() {
    try {
      Class.forName("org.postgresql.Driver", true, StateBackends.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // the store then reports "no suitable driver" with its URL
    }
  }

  /** An S3 store whose client is built at first use. */
  static final class LazyS3 implements StateStore, AutoCloseable {
    private final S3StateConfiguration.Resolved resolved;
    private final String where;
    private S3StateStore store;

    LazyS3(S3StateConfiguration.Resolved resolved, String where) {
      this.resolved = resolved;
      this.where = where;
    }

    /** The store's configuration. */
    S3StateConfig config() {
      return resolved.config();
    }

    private synchronized S3StateStore store() {
      if (store == null) {
        store = new S3StateStore(resolved.config());
      }
      return store;
    }

    @Override
    public StageState open(String app, String stage, AccessMode mode, Duration lockTimeout) {
      return store().open(app, stage, mode, lockTimeout);
    }

    @Override
    public Optional<LockInfo> lockHolder(String app, String stage) {
      return store().lockHolder(app, stage);
    }

    @Override
    public void forceUnlock(String app, String stage, String lockId) {
      store().forceUnlock(app, stage, lockId);
    }

    @Override
    public synchronized void close() {
      if (store != null) {
        store.close();
      }
    }

    /** Where, never a key (the store's own text shows the access key id). */
    @Override
    public String toString() {
      return "S3StateStore[" + where + "]";
    }
  }
}
