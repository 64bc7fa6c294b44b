package io.alchemy.core;

/**
 * Work started with {@link Scope#async(ScopeFunction)}, {@link Scope#forEach} or {@link
 * Scope#map} failed with something other than an {@link AlchemyException}; the cause is what it
 * threw.
 */
public class BranchFailedException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  private final String scopeFqn;

  /**
   * @param scopeFqn the fully qualified name of the scope the work ran in
   * @param cause what the work threw
   */
  public BranchFailedException(String scopeFqn, Throwable cause) {
    super("Work started in scope " + scopeFqn + " failed: " + describe(cause), cause);
    this.scopeFqn = scopeFqn;
  }

  /** The fully qualified name of the scope the work ran in, e.g. {@code my-app/prod/eu}. */
  public String scopeFqn() {
    return scopeFqn;
  }
}
