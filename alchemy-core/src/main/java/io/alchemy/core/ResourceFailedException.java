package io.alchemy.core;

/**
 * A provider failed to create, update or delete a resource. State keeps a trace of the attempt,
 * so the next run retries it or, if the resource is gone from the code, deletes it.
 */
public class ResourceFailedException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  private final String fqn;
  private final ResourceAction action;

  /**
   * @param fqn the resource
   * @param type its provider type
   * @param action what was being done
   * @param cause what the provider threw
   */
  public ResourceFailedException(String fqn, String type, ResourceAction action, Throwable cause) {
    super("Resource " + fqn + " (" + type + ") failed while " + action.progressive() + ": "
        + describe(cause), cause);
    this.fqn = fqn;
    this.action = action;
  }

  /** The resource's fully qualified name. */
  public String fqn() {
    return fqn;
  }

  /** What was being done when it failed. */
  public ResourceAction action() {
    return action;
  }
}
