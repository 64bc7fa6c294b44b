package io.alchemy.core;

/** What a run does with the resources its definition declares. */
public enum Phase {
  /** Create, update or replace declared resources, and delete orphans. The default. */
  UP,
  /** Delete every resource of the stage (or of the scope run in this phase); create nothing. */
  DESTROY,
  /** Change nothing anywhere: resource calls return what state recorded. */
  READ
}
