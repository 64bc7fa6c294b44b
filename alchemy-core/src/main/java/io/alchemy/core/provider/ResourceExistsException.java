package io.alchemy.core.provider;

/**
 * Thrown by {@link ResourceProvider#create} when the physical thing (a bucket, a database, a
 * role with that name) already exists but is not in state. The engine then adopts it when
 * adoption is on, and otherwise fails with a message that says how to adopt it.
 */
public class ResourceExistsException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param what the existing thing as a person names it, e.g. {@code bucket my-app-images}
   */
  public ResourceExistsException(String what) {
    super(what + " already exists");
  }
}
