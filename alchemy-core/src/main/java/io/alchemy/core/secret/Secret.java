package io.alchemy.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Objects;

/**
 * A sensitive value (a password, an API key) usable in props, outputs and scope state. Alchemy
 * stores it only encrypted with the scope's password, and it never shows in logs or messages:
 * {@link #toString()} is masked, and only Alchemy's own JSON mapper can serialize it.
 *
 * <pre>{@code
 * Secret apiKey = scope.secret(System.getenv("API_KEY"));
 * }</pre>
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a plain value.
   *
   * @throws NullPointerException when {@code value} is {@code null}, e.g. an unset environment
   *     variable
   */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value,
        "a secret's value is null: is the environment variable or property behind it set?"));
  }

  /** The plain value. Call it only where the value must be used, never to log it. */
  public String reveal() {
    return value;
  }

  /**
   * {@code text} with every value of {@code secrets} replaced by {@code ****}: for output of a
   * process that was handed the secrets and may print them.
   */
  public static String maskIn(String text, Collection<Secret> secrets) {
    String masked = text;
    for (Secret secret : secrets) {
      if (!secret.value.isEmpty()) {
        masked = masked.replace(secret.value, "****");
      }
    }
    return masked;
  }

  /** Always masked. */
  @Override
  public String toString() {
    return "Secret[****]";
  }

  /** Compares values in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Secret.class.hashCode();
  }
}
