package io.alchemy.maven;

/**
 * One kind of provider credentials in the {@code <credentials>} block, e.g. {@code <aws>}: reads
 * its elements (and settings.xml servers) into the object the core's {@code ProviderCredentials}
 * holds for that kind. Implementations are public beans with a public no-argument constructor, so
 * Maven can configure them; secret elements are {@link SecretParameter}s, so they stay masked.
 */
interface CredentialConfiguration {

  /** The element's name in {@code <credentials>}, e.g. {@code aws}. */
  String element();

  /**
   * The core credential object, e.g. an {@code AwsCredentials}.
   *
   * @param servers the settings.xml servers, for a {@code <serverId>}
   * @param where where the block is, e.g. {@code the alchemy-maven-plugin configuration of
   *     profile 'prod'}, for messages
   * @throws ConfigurationProblem when the block is inconsistent or a server is missing or cannot
   *     be decrypted
   */
  Resolved resolve(SettingsServers servers, String where) throws ConfigurationProblem;

  /**
   * A resolved credential and where its values came from.
   *
   * @param credential the core credential object
   * @param source where its values came from, never the values, e.g. {@code settings.xml server
   *     'aws-prod', region us-east-1}
   */
  record Resolved(Object credential, String source) {}

  /**
   * Fails when {@code value} is still a {@code ${...}} expression Maven could not resolve (an
   * unset environment variable, say), naming the element.
   */
  static void checkResolved(String block, String element, String value, String where)
      throws ConfigurationProblem {
    String expression = SecretParameter.unresolvedExpression(value);
    if (expression != null) {
      throw new ConfigurationProblem(
          new ConfigurationProblem.Unresolved(block + "<" + element + ">", where, expression));
    }
  }

  /** {@code value} trimmed, or {@code null} when it is blank. */
  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
