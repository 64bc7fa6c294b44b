package io.alchemy.core.state;

/** Another run holds the stage's lock. Nothing was changed. */
public class StateLockedException extends StateException {

  private static final long serialVersionUID = 1L;

  /** A held lock, described with its holder. */
  public StateLockedException(String message) {
    super(message);
  }
}
