package io.alchemy.core.credentials;

import io.alchemy.core.AlchemyException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The credentials providers use, one object per kind (e.g. {@link AwsCredentials}), keyed by
 * class so any provider module can add its own kind. Scopes inherit their parent's and may
 * override one kind or all. Immutable. Credentials are never written to state, and {@link
 * #toString()} names only the kinds held.
 *
 * <pre>{@code
 * AwsCredentials aws = scope.providerCredentials().require(AwsCredentials.class);
 * scope.run("eu-services", ScopeOptions.defaults().credential(aws.withRegion("eu-west-1")), eu -> {
 *   // providers in this scope use eu-west-1
 * });
 * }</pre>
 */
public final class ProviderCredentials {

  private static final ProviderCredentials NONE = new ProviderCredentials(Map.of());

  private final Map<Class<?>, Object> byKind;

  private ProviderCredentials(Map<Class<?>, Object> byKind) {
    this.byKind = byKind;
  }

  /** No credentials. */
  public static ProviderCredentials none() {
    return NONE;
  }

  /** Credentials of the given kinds; a later one of the same class wins. */
  public static ProviderCredentials of(Object... credentials) {
    ProviderCredentials result = NONE;
    for (Object credential : credentials) {
      result = result.with(credential);
    }
    return result;
  }

  /** A copy where {@code credential} replaces the credential of its class. */
  public ProviderCredentials with(Object credential) {
    Objects.requireNonNull(credential, "credential");
    if (credential instanceof ProviderCredentials all) {
      return with(all);
    }
    Map<Class<?>, Object> copy = new LinkedHashMap<>(byKind);
    copy.put(credential.getClass(), credential);
    return new ProviderCredentials(Map.copyOf(copy));
  }

  /** A copy where every kind of {@code other} replaces this one's. */
  public ProviderCredentials with(ProviderCredentials other) {
    ProviderCredentials result = this;
    for (Object credential : other.byKind.values()) {
      result = result.with(credential);
    }
    return result;
  }

  /** The credential of {@code kind}, if any. */
  public <T> Optional<T> get(Class<T> kind) {
    return Optional.ofNullable(kind.cast(byKind.get(kind)));
  }

  /**
   * The credential of {@code kind}.
   *
   * @throws AlchemyException naming the kind and how to configure it when absent
   */
  public <T> T require(Class<T> kind) {
    return get(kind).orElseThrow(() -> new AlchemyException("No " + kind.getSimpleName()
        + " credentials are configured for this scope. Configure them in the plugin's"
        + " <credentials> block (usually inside a Maven profile), with Alchemy.builder()"
        + ".credentials(...), or for one scope with ScopeOptions.credential(...)."));
  }

  /** Names the kinds held, never their values. */
  @Override
  public String toString() {
    return byKind.keySet().stream().map(Class::getSimpleName).sorted()
        .collect(Collectors.joining(", ", "ProviderCredentials[", "]"));
  }
}
