package io.alchemy.core.engine;

import io.alchemy.core.AlchemyException;

/** A provider call that was not made because its scope (or one above) had failed already. */
final class NotStartedException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  NotStartedException(String message, Throwable cause) {
    super(message, cause);
  }
}
