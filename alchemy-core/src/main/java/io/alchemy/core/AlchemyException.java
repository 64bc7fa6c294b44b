package io.alchemy.core;

/**
 * A failure Alchemy explains to the user: every message says what is wrong, where, and how to fix
 * it. Subclasses let callers such as the Maven plugin tell kinds of failure apart.
 */
public class AlchemyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with a complete, user-facing message. */
  public AlchemyException(String message) {
    super(message);
  }

  /** A failure with a complete, user-facing message and its cause. */
  public AlchemyException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A cause as a person reads it: its message, or its simple class name when it has none (never
   * the class name first, as {@link Throwable#toString()} does).
   */
  public static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
