package io.alchemy.maven;

/**
 * Reads the elements of one configuration block ({@code <postgres>}, {@code <s3>}): an element
 * written in the block wins; an element left out may come from its property ({@code
 * -Dalchemy.postgres.jdbcUrl}). Values that still hold an expression Maven could not resolve (an
 * unset {@code ${env.X}}) are an error naming only the expression.
 */
final class BlockSettings {

  /**
   * One setting.
   *
   * @param value the value, trimmed, or {@code null} when it is not set
   * @param origin where it came from, e.g. {@code <postgres><jdbcUrl> in the alchemy-maven-plugin
   *     configuration}; {@code null} when it is not set
   */
  record Setting(String value, String origin) {

    static final Setting NONE = new Setting(null, null);

    boolean isSet() {
      return value != null;
    }
  }

  private final String block;
  private final String where;
  private final UserProperties properties;

  /**
   * The settings of {@code <block>}.
   *
   * @param where where the block is, e.g. {@code the alchemy-maven-plugin configuration}
   */
  BlockSettings(String block, String where, UserProperties properties) {
    this.block = block;
    this.where = where;
    this.properties = properties;
  }

  /** e.g. {@code <postgres><jdbcUrl>}. */
  String element(String name) {
    return "<" + block + "><" + name + ">";
  }

  /** Where the block is. */
  String where() {
    return where;
  }

  /**
   * A plain setting.
   *
   * @param name the element's name
   * @param configured the element's value in the block, or {@code null}
   * @param property its property, or {@code null} when it has none
   */
  Setting get(String name, String configured, String property) throws ConfigurationProblem {
    if (configured != null && !configured.isBlank()) {
      return checked(name, configured.trim(), element(name) + " in " + where);
    }
    UserProperties.Value value = property == null ? null : properties.get(property);
    if (value != null && !value.text().isBlank()) {
      return checked(name, value.text().trim(), value.origin());
    }
    return Setting.NONE;
  }

  /** A secret setting: only ever in the block, never from a property. */
  Setting secret(String name, SecretParameter configured) throws ConfigurationProblem {
    if (configured == null || configured.isEmpty()) {
      return Setting.NONE;
    }
    String origin = element(name) + " in " + where;
    String expression = configured.unresolvedExpression();
    if (expression != null) {
      throw new ConfigurationProblem(
          new ConfigurationProblem.Unresolved(element(name), where, expression));
    }
    return new Setting(configured.reveal(), origin);
  }

  private Setting checked(String name, String value, String origin) throws ConfigurationProblem {
    String expression = SecretParameter.unresolvedExpression(value);
    if (expression != null) {
      throw new ConfigurationProblem(new ConfigurationProblem.Unresolved(element(name),
          origin.startsWith(element(name) + " in ") ? where : origin, expression));
    }
    return new Setting(value, origin);
  }
}
