package io.alchemy.core.credentials;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.Hints;

/**
 * A provider asked for credentials of a kind that neither the run nor any scope up to its own
 * configures. The engine words the fix for what runs it ({@link #withHints}).
 */
public class MissingCredentialsException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  private final Class<?> kind;

  /**
   * @param kind the kind asked for, e.g. {@code AwsCredentials}
   * @param hints how to word the fix
   */
  public MissingCredentialsException(Class<?> kind, Hints hints) {
    super("No " + kind.getSimpleName() + " credentials are configured for this scope. Give"
        + " them to the run (" + hints.credentials(kind) + "), or to one scope with"
        + " ScopeOptions.credential(...).");
    this.kind = kind;
  }

  /** The kind asked for. */
  public Class<?> kind() {
    return kind;
  }

  /** The same failure, its fix worded with {@code hints}. */
  public MissingCredentialsException withHints(Hints hints) {
    MissingCredentialsException worded = new MissingCredentialsException(kind, hints);
    worded.setStackTrace(getStackTrace());
    return worded;
  }
}
