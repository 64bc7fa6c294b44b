package io.alchemy.core;

/**
 * A run that failed: the definition or a provider threw, or a scope called {@link Scope#fail()}.
 * Finalization still ran, but the failed scope and its ancestors deleted no orphans. {@link
 * #result()} tells what was done before the failure.
 */
public class DeploymentFailedException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  private final String fqn;
  private final transient RunResult result;

  /**
   * A failure in the scope or resource {@code fqn}.
   *
   * @param fqn where it failed, e.g. {@code my-app/dev/storage}
   * @param message the complete message
   * @param cause what was thrown, if anything
   * @param result what the run did before it stopped
   */
  public DeploymentFailedException(String fqn, String message, Throwable cause, RunResult result) {
    super(message, cause);
    this.fqn = fqn;
    this.result = result;
  }

  /** The FQN of the scope or resource that failed first. */
  public String fqn() {
    return fqn;
  }

  /** What the run did before it stopped. */
  public RunResult result() {
    return result;
  }
}
