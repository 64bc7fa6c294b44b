package io.alchemy.core;

/** An app, stage, scope or resource name that cannot be used (empty, or with path characters). */
public class InvalidNameException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  /** A name rejected with a complete message. */
  public InvalidNameException(String message) {
    super(message);
  }
}
