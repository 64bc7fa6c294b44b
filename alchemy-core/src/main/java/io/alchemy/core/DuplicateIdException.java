package io.alchemy.core;

/** Two resources or child scopes with one name in the same scope. */
public class DuplicateIdException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  /** A duplicate rejected with a complete message. */
  public DuplicateIdException(String message) {
    super(message);
  }
}
