package io.alchemy.core.state;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * A kind of state store that is installed rather than built in: the PostgreSQL and S3 backends
 * implement it in their own modules and register it in {@code
 * META-INF/services/io.alchemy.core.state.StateBackend}. A host (the Maven plugin, a plain
 * {@code main()}) finds the installed ones with {@link #installed(ClassLoader)}, so it needs no
 * compile dependency on any of them, and a filesystem user loads none of their libraries.
 *
 * <p>Settings are plain named strings plus secrets; each backend documents and checks its own.
 */
public interface StateBackend {

  /** The name users select it by, e.g. {@code postgres}; lower case, stable. */
  String name();

  /** The names of the settings it reads, in the order to document them. */
  List<String> settingNames();

  /** The names among {@link #settingNames()} that hold secrets (never printed). */
  default List<String> secretSettingNames() {
    return List.of();
  }

  /**
   * A store for {@code settings}, checked now; a connection, if any, is made at first use, so
   * building one costs nothing a run does not need.
   *
   * @throws InvalidStateSettingException when a setting is missing or invalid: it names which
   */
  StateStore open(StateSettings settings);

  /**
   * Where this backend keeps state under {@code settings}, for messages, e.g. {@code
   * jdbc:postgresql://db/infra} or {@code s3://bucket/alchemy/}: never a password or a key.
   */
  String describe(StateSettings settings);

  /**
   * Where the state of {@code app}/{@code stage} lives under {@code settings}, for messages:
   * never a password or a key.
   */
  String location(StateSettings settings, String app, String stage);

  /** The backends installed in {@code loader}, by name. */
  static Map<String, StateBackend> installed(ClassLoader loader) {
    Map<String, StateBackend> byName = new TreeMap<>();
    for (StateBackend backend : ServiceLoader.load(StateBackend.class, loader)) {
      byName.putIfAbsent(backend.name(), backend);
    }
    return byName;
  }
}
