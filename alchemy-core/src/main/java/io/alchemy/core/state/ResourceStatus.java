package io.alchemy.core.state;

/**
 * Where a resource's last operation got to. The engine writes the "-ing" status before it calls
 * the provider, so a crash always leaves a trace that the next run reconciles.
 */
public enum ResourceStatus {
  /** A create (or the create half of a replacement) started and may not have finished. */
  CREATING,
  /** Created. */
  CREATED,
  /** An update started and may not have finished. */
  UPDATING,
  /** Updated. */
  UPDATED,
  /** A delete started and may not have finished. */
  DELETING;

  /** Whether the last operation finished. */
  public boolean settled() {
    return this == CREATED || this == UPDATED;
  }
}
