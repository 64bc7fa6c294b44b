package io.alchemy.core.state;

import io.alchemy.core.AlchemyException;

/** State could not be read or written. */
public class StateException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  /** A failure with a complete message. */
  public StateException(String message) {
    super(message);
  }

  /** A failure with a complete message and its cause. */
  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
