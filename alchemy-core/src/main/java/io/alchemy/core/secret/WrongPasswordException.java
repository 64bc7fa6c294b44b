package io.alchemy.core.secret;

import io.alchemy.core.AlchemyException;

/** A password that does not decrypt the secrets in state, or none where one is needed. */
public class WrongPasswordException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  /** A failure with a complete message that never contains the password or the secret. */
  public WrongPasswordException(String message) {
    super(message);
  }
}
