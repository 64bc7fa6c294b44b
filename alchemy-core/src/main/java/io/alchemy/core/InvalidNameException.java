package io.alchemy.core;

/** An app, stage, scope or resource name that cannot be used (empty, or with path characters). */
public class InvalidNameException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  private final String kind;

  /**
   * A name rejected with a complete message.
   *
   * @param kind what was named: {@code app}, {@code stage}, {@code resource id} or {@code scope
   *     name}
   */
  public InvalidNameException(String kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** What was named: {@code app}, {@code stage}, {@code resource id} or {@code scope name}. */
  public String kind() {
    return kind;
  }
}
