package io.alchemy.core;

/** What a run does with the resources its definition declares. */
public enum Phase {
  /** Create, update or replace declared resources, and delete orphans. The default. */
  UP,
  /** Delete every resource of the stage (or of the scope run in this phase); create nothing. */
  DESTROY,
  /** Change nothing anywhere: resource calls return what state recorded. */
  READ,
  /**
   * Decide what {@code UP} would do and change nothing: resource calls return the recorded output,
   * or, for what would be created or changed, what the provider can predict (unknown values are
   * markers that print as {@code (known after up)}).
   */
  PLAN
}
