package io.alchemy.maven;

import java.util.List;

/**
 * A problem with the goal's configuration, found before anything runs: two settings that exclude
 * each other, a settings.xml server that is missing or cannot be decrypted, an incomplete {@code
 * <credentials>} or state backend block, an unknown or unusable value. It carries only names and origins, never a value;
 * {@link FailureTranslator} words the message.
 */
final class ConfigurationProblem extends Exception {

  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  sealed interface Problem {}

  /**
   * Two settings that exclude each other are both set.
   *
   * @param first e.g. {@code <password>}
   * @param firstOrigin where {@code first} came from
   * @param second e.g. {@code <passwordServerId>}
   * @param secondOrigin where {@code second} came from
   * @param preferred the one to keep, e.g. {@code passwordServerId}
   */
  record Conflict(String first, String firstOrigin, String second, String secondOrigin,
      String preferred) implements Problem {}

  /**
   * A server id names no {@code <server>} of settings.xml.
   *
   * @param serverId the id
   * @param referencedBy the element that names it, with its origin
   * @param settingsFiles the settings files Maven read
   * @param expected the elements such a server needs, e.g. {@code <password>...</password>}
   */
  record NoSuchServer(String serverId, String referencedBy, String settingsFiles, String expected)
      implements Problem {}

  /**
   * Maven's settings decrypter failed on a server.
   *
   * @param serverId the id
   * @param referencedBy the element that names it, with its origin
   * @param problems the decrypter's messages
   */
  record UndecryptableServer(String serverId, String referencedBy, String problems)
      implements Problem {}

  /**
   * A server lacks an element the goal needs.
   *
   * @param serverId the id
   * @param referencedBy the element that names it, with its origin
   * @param missing e.g. {@code <username>}
   * @param expected what the server's elements mean, e.g. {@code <username> is the access key id}
   */
  record IncompleteServer(String serverId, String referencedBy, String missing, String expected)
      implements Problem {}

  /**
   * A credentials block has one of two values that belong together.
   *
   * @param block e.g. {@code <credentials><aws>}
   * @param where where the block is, e.g. {@code the alchemy-maven-plugin configuration}
   * @param present e.g. {@code <accessKeyId>}
   * @param missing e.g. {@code <secretAccessKey>}
   * @param alternatives what else may be set instead, as a sentence fragment
   */
  record Incomplete(String block, String where, String present, String missing,
      String alternatives) implements Problem {}

  /**
   * A value still holds an expression Maven could not resolve, e.g. an unset environment variable.
   *
   * @param element e.g. {@code <credentials><aws><secretAccessKey>}
   * @param where where the element is
   * @param expression the expression alone, e.g. {@code ${env.AWS_SECRET_ACCESS_KEY}}
   */
  record Unresolved(String element, String where, String expression) implements Problem {}

  /**
   * A parameter holds a value that is not one of its choices.
   *
   * @param what e.g. {@code The state backend}
   * @param value the value as given
   * @param origin where it came from
   * @param choices the values it may take
   * @param fix how to set another, e.g. {@code -Dalchemy.backend=postgres or <backend> in ...}
   */
  record UnknownChoice(String what, String value, String origin, List<String> choices,
      String fix) implements Problem {}

  /**
   * A state backend is named whose module is not among the plugin's dependencies.
   *
   * @param what what names it, with where that came from, e.g. {@code The postgres state
   *     backend (from -Dalchemy.backend on the command line)}
   * @param artifactId the module that provides it, e.g. {@code alchemy-state-postgres}
   * @param version the version to add, the plugin's own
   */
  record NotInstalled(String what, String artifactId, String version) implements Problem {}

  /**
   * A required setting is not set.
   *
   * @param what what needs it, with where that came from, e.g. {@code The postgres state
   *     backend (from -Dalchemy.backend on the command line)}
   * @param element e.g. {@code <postgres><jdbcUrl>}
   * @param fix how to set it, a whole sentence
   */
  record Missing(String what, String element, String fix) implements Problem {}

  /**
   * A setting holds a value that cannot be used.
   *
   * @param element e.g. {@code <s3><bucket>}
   * @param origin where the value came from
   * @param reason what is wrong and how to fix it, whole sentences, naming no secret
   */
  record Invalid(String element, String origin, String reason) implements Problem {}

  private final transient Problem problem;

  ConfigurationProblem(Problem problem) {
    // The record's text holds names and origins only, so it is safe as a fallback message.
    super(problem.toString());
    this.problem = problem;
  }

  /** What is wrong. */
  Problem problem() {
    return problem;
  }
}
