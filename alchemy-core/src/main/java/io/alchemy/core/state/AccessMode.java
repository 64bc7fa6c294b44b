package io.alchemy.core.state;

/** How a run opens a stage's state. */
public enum AccessMode {
  /** Read only, without the lock; nothing may be written. */
  READ,
  /** Exclusive: takes the stage lock for the whole run. */
  WRITE
}
