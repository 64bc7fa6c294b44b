package io.alchemy.maven;

/**
 * Where settings without a parameter of their own, the elements of the {@code <postgres>} and
 * {@code <s3>} blocks, may also be given: {@code -D} on the command line, a system property, or a
 * {@code <properties>} entry of the POM or an active profile, in the order Maven itself looks
 * properties up for a parameter.
 */
@FunctionalInterface
interface UserProperties {

  /**
   * The value of {@code property}.
   *
   * @return the value and where it came from, or {@code null} when it is not set
   */
  Value get(String property);

  /**
   * A property's value.
   *
   * @param text the value as given
   * @param origin where it came from, e.g. {@code -Dalchemy.postgres.jdbcUrl on the command line}
   */
  record Value(String text, String origin) {}
}
