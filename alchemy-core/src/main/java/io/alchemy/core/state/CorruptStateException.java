package io.alchemy.core.state;

/** A state file or record that cannot be parsed. Nothing was changed, and it is left as it is. */
public class CorruptStateException extends StateException {

  private static final long serialVersionUID = 1L;

  /** A corrupt record, described with where it is and how to recover. */
  public CorruptStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
