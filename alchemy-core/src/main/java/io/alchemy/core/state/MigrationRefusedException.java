package io.alchemy.core.state;

/**
 * A state copy that was refused before anything was written: the source holds nothing for the
 * stage, or the target already does and overwriting was not asked for. The message says which and
 * how to go on.
 */
public class MigrationRefusedException extends StateException {

  private static final long serialVersionUID = 1L;

  /** A refusal, described with both locations and the fix. */
  public MigrationRefusedException(String message) {
    super(message);
  }
}
