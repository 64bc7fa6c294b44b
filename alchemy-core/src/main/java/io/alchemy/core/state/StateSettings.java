package io.alchemy.core.state;

import io.alchemy.core.secret.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a {@link StateBackend} is opened with: named values, and named secrets kept apart
 * so that they are never printed. A blank value counts as not set.
 */
public final class StateSettings {

  private final Map<String, String> values;
  private final Map<String, Secret> secrets;

  private StateSettings(Map<String, String> values, Map<String, Secret> secrets) {
    this.values = Map.copyOf(values);
    this.secrets = Map.copyOf(secrets);
  }

  /** No settings. */
  public static StateSettings none() {
    return new StateSettings(Map.of(), Map.of());
  }

  /** These settings with {@code name} set to {@code value} ({@code null} or blank: unset). */
  public StateSettings with(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    if (value == null || value.isBlank()) {
      copy.remove(name);
    } else {
      copy.put(name, value.trim());
    }
    return new StateSettings(copy, secrets);
  }

  /** These settings with the secret {@code name} set ({@code null}: unset). */
  public StateSettings withSecret(String name, Secret secret) {
    Map<String, Secret> copy = new LinkedHashMap<>(secrets);
    if (secret == null) {
      copy.remove(name);
    } else {
      copy.put(name, secret);
    }
    return new StateSettings(values, copy);
  }

  /** The value of {@code name}, or {@code null} when it is not set. */
  public String value(String name) {
    return values.get(name);
  }

  /** The secret {@code name}, or {@code null} when it is not set. */
  public Secret secret(String name) {
    return secrets.get(name);
  }

  /** Whether {@code name} is set, as a value or a secret. */
  public boolean has(String name) {
    return values.containsKey(name) || secrets.containsKey(name);
  }

  /** The values, never a secret. */
  @Override
  public String toString() {
    return "StateSettings" + values + (secrets.isEmpty() ? "" : " + secrets " + secrets.keySet());
  }
}
