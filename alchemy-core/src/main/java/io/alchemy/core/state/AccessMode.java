package io.alchemy.core.state;

/** How a run opens a stage's state. */
public enum AccessMode {
  /** Read only, without the lock; nothing may be written. */
  READ,
  /** Exclusive: takes the stage lock for the whole run. */
  WRITE,
  /**
   * Read only, holding the stage lock so that what is read is consistent (a plan); nothing is
   * written, not even a crashed run's journal, and a stage without state is left without a lock.
   */
  LOCKED_READ
}
