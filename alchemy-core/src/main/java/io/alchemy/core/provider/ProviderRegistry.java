package io.alchemy.core.provider;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds providers by type name: first those used by the running definition, then those
 * registered with {@link ServiceLoader} in the given class loader.
 */
public final class ProviderRegistry {

  private final Map<String, ResourceProvider<?, ?>> byType = new HashMap<>();
  private final ClassLoader classLoader;
  private boolean serviceLoaded;

  /** A registry that looks providers up in {@code classLoader}. */
  public ProviderRegistry(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** Remembers a provider the definition used, so its own instance serves orphans too. */
  public synchronized void register(ResourceProvider<?, ?> provider) {
    byType.putIfAbsent(provider.type(), provider);
  }

  /** The provider of {@code type}, if any is known. */
  public synchronized Optional<ResourceProvider<?, ?>> find(String type) {
    ResourceProvider<?, ?> known = byType.get(type);
    if (known == null && !serviceLoaded) {
      serviceLoaded = true;
      @SuppressWarnings("rawtypes")
      ServiceLoader<ResourceProvider> loader = ServiceLoader.load(ResourceProvider.class, classLoader);
      for (ResourceProvider<?, ?> provider : loader) {
        byType.putIfAbsent(provider.type(), provider);
      }
      known = byType.get(type);
    }
    return Optional.ofNullable(known);
  }
}
