package io.alchemy.core.credentials;

import io.alchemy.core.Hints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
   * @throws MissingCredentialsException naming the kind and how to configure it when absent
   */
  public <T> T require(Class<T> kind) {
    return get(kind).orElseThrow(() -> new MissingCredentialsException(kind, Hints.api()));
  }

  /**
   * The settings of every {@link RecordableCredential} held, by class name, for state: regions,
   * endpoints, servers, never keys. Empty when none is held.
   */
  public Map<String, Map<String, String>> recordedSettings() {
    Map<String, Map<String, String>> settings = new TreeMap<>();
    for (Object credential : byKind.values()) {
      if (credential instanceof RecordableCredential recordable
          && !recordable.settings().isEmpty()) {
        settings.put(credential.getClass().getName(), recordable.settings());
      }
    }
    return settings;
  }

  /**
   * A copy where each kind named in {@code settings} (as {@link #recordedSettings()} wrote them)
   * has those settings applied, keeping this copy's keys. A kind this copy does not hold is
   * restored from the settings alone where it needs no key ({@link S3Endpoint}; {@link
   * AwsCredentials} of the SDK's default chain), and left out otherwise.
   */
  public ProviderCredentials withRecordedSettings(Map<String, Map<String, String>> settings) {
    ProviderCredentials result = this;
    for (Map.Entry<String, Map<String, String>> kind : settings.entrySet()) {
      Object held = byKind.entrySet().stream()
          .filter(e -> e.getKey().getName().equals(kind.getKey()))
          .map(Map.Entry::getValue)
          .findFirst().orElse(null);
      Object restored;
      if (held instanceof RecordableCredential recordable) {
        restored = recordable.withSettings(kind.getValue());
      } else if (held == null && kind.getKey().equals(S3Endpoint.class.getName())) {
        restored = S3Endpoint.fromSettings(kind.getValue());
      } else if (held == null && kind.getKey().equals(AwsCredentials.class.getName())) {
        restored = AwsCredentials.fromSettings(kind.getValue());
      } else {
        continue;
      }
      result = result.with(restored);
    }
    return result;
  }

  /** Names the kinds held, never their values. */
  @Override
  public String toString() {
    return byKind.keySet().stream().map(Class::getSimpleName).sorted()
        .collect(Collectors.joining(", ", "ProviderCredentials[", "]"));
  }
}
