package io.alchemy.core.engine;

import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceRecord.Instance;

/**
 * One instance that finalization deletes: the record's own ({@code old == null}) or an old
 * instance of a replacement. Equal only to itself: two old instances may look alike.
 */
final class Deletion {

  private final ResourceRecord record;
  private final ScopeNode owner;
  private final Instance old;

  /**
   * @param record the record as finalization found it
   * @param owner the deepest scope of this run that contains the record
   * @param old the old instance, or {@code null} for the record's own
   */
  Deletion(ResourceRecord record, ScopeNode owner, Instance old) {
    this.record = record;
    this.owner = owner;
    this.old = old;
  }

  ResourceRecord record() {
    return record;
  }

  ScopeNode owner() {
    return owner;
  }

  Instance old() {
    return old;
  }

  String address() {
    return record.address();
  }

  @Override
  public String toString() {
    return (old == null ? "" : "old instance of ") + record.fqn();
  }
}
