package io.alchemy.maven;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a plugin parameter whose value is secret ({@code <password>}, {@code
 * <secretAccessKey>}): {@link #toString()} is masked, so the value shows neither in Alchemy's
 * messages nor in the {@code (f) password = ...} lines Maven's {@code -X} prints while it configures
 * a goal ({@link MaskingConfigurator} converts it without handing the plain value to Maven's
 * configuration listener).
 */
public final class SecretParameter {

  private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[^}]*}");

  private String value;

  /** An empty parameter, for Maven's configurator. */
  public SecretParameter() {}

  /** A parameter holding {@code value}. */
  public SecretParameter(String value) {
    this.value = value;
  }

  /**
   * Sets the value. Maven's default configurator calls this when it does not know {@link
   * MaskingConfigurator} (for example in the plugin testing harness).
   */
  public void set(String value) {
    this.value = value;
  }

  /** The plain value; use it only where the value is needed, never to log it. */
  String reveal() {
    return value;
  }

  /** Whether the value is missing or empty. */
  boolean isEmpty() {
    return value == null || value.isEmpty();
  }

  /**
   * The first {@code ${...}} expression Maven left in the value because it could not resolve it
   * (e.g. an unset environment variable), or {@code null}. Only the expression is returned, never
   * the rest of the value.
   */
  String unresolvedExpression() {
    return unresolvedExpression(value);
  }

  /** The first unresolved {@code ${...}} expression in {@code text}, or {@code null}. */
  static String unresolvedExpression(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = UNRESOLVED.matcher(text);
    return matcher.find() ? matcher.group() : null;
  }

  /** Always masked. */
  @Override
  public String toString() {
    return "****";
  }
}
