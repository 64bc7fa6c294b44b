package io.alchemy.core.engine;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.local.LocalServers;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.ResourceRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one resource needs of the local servers its provider runs on in local mode ({@link
 * ResourceProvider#localServers}): their factories are found before anything is recorded for it,
 * the servers start only when it needs a provider call, and the generation of each one's data is
 * recorded with it, so that a later run can find it unchanged without starting them.
 */
final class LocalServerUse {

  /**
   * The key of a record's settings under which the generations of its local servers' data are
   * kept, by credentials type. Not a class name, so never taken for a credential kind.
   */
  static final String SETTINGS = "local-servers";

  private static final LocalServerUse NONE = new LocalServerUse(null, null, null, List.of());

  private final LocalServers servers;
  private final String fqn;
  private final String type;
  private final List<Class<?>> kinds;

  private LocalServerUse(LocalServers servers, String fqn, String type, List<Class<?>> kinds) {
    this.servers = servers;
    this.fqn = fqn;
    this.type = type;
    this.kinds = kinds;
  }

  /**
   * The local servers of {@code deployment} that {@code provider} runs on in {@code scope}, none
   * outside local mode. Finding their factories starts nothing.
   *
   * @throws AlchemyException naming the resource and the module to add when a factory is missing
   */
  static LocalServerUse of(Deployment deployment, ScopeNode scope, String fqn,
      ResourceProvider<?, ?> provider) {
    if (!scope.local() || provider.localServers().isEmpty()) {
      return NONE;
    }
    LocalServerUse use = new LocalServerUse(deployment.localServers(), fqn,
        provider.type(), List.copyOf(provider.localServers()));
    use.each(kind -> use.servers.requireInstalled(kind));
    return use;
  }

  /**
   * Whether every local server of the resource provably still holds it as {@code record} found
   * it, without starting any (see {@link LocalServers#restsSince}). False for a resource on no
   * local server: the provider is asked whether it is gone, as ever.
   */
  boolean restsAsRecorded(ResourceRecord record) {
    if (kinds.isEmpty()) {
      return false;
    }
    Map<String, String> recorded = record.credentialSettings().getOrDefault(SETTINGS, Map.of());
    for (Class<?> kind : kinds) {
      if (!servers.restsSince(kind, recorded.get(kind.getName()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Starts the local servers of the resource that this session has not started yet, before
   * anything is recorded for it.
   *
   * @throws AlchemyException naming the resource when one does not start
   */
  void start() {
    each(kind -> servers.credentials(kind));
  }

  /** {@code scopeSettings} with the generations of the resource's servers, started first. */
  Map<String, Map<String, String>> settings(Map<String, Map<String, String>> scopeSettings) {
    if (kinds.isEmpty()) {
      return scopeSettings;
    }
    Map<String, Map<String, String>> settings = new LinkedHashMap<>(scopeSettings);
    settings.put(SETTINGS, generations());
    return settings;
  }

  /**
   * {@code record} with the generations of its servers' data now (the servers started first);
   * the very same record when it holds them already.
   */
  ResourceRecord stamped(ResourceRecord record) {
    if (kinds.isEmpty()) {
      return record;
    }
    Map<String, String> generations = generations();
    if (generations.equals(record.credentialSettings().get(SETTINGS))) {
      return record;
    }
    Map<String, Map<String, String>> settings = new LinkedHashMap<>(record.credentialSettings());
    settings.put(SETTINGS, generations);
    return record.withSettings(settings);
  }

  private Map<String, String> generations() {
    Map<String, String> generations = new TreeMap<>();
    each(kind -> generations.put(kind.getName(), servers.generation(kind)));
    return generations;
  }

  private void each(Consumer<Class<?>> action) {
    for (Class<?> kind : kinds) {
      try {
        action.accept(kind);
      } catch (AlchemyException e) {
        throw new AlchemyException("Resource " + fqn + " (" + type + ") runs on a local server"
            + " in local mode. " + e.getMessage(), e);
      }
    }
  }
}
