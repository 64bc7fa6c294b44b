package io.alchemy.core;

/** What the engine did, or is doing, with one resource. */
public enum ResourceAction {
  /** Created because it was not in state. */
  CREATE("creating", "created"),
  /** Already existed outside state and was taken over (adopt mode). */
  ADOPT("adopting", "adopted"),
  /** An existing thing recorded by its id ({@code ResourceOptions.importing}), not created. */
  IMPORT("importing", "imported"),
  /** Changed in place because its props changed (or the run was forced). */
  UPDATE("updating", "updated"),
  /** A new instance created because a prop that cannot change in place changed. */
  REPLACE("replacing", "replaced"),
  /** Deleted: an orphan, the old instance of a replacement, or destroyed. */
  DELETE("deleting", "deleted"),
  /** Props equal to the recorded ones: no provider call. */
  UNCHANGED("checking", "unchanged"),
  /** Read from state in the read phase. */
  READ("reading", "read");

  private final String progressive;
  private final String past;

  ResourceAction(String progressive, String past) {
    this.progressive = progressive;
    this.past = past;
  }

  /** The action as it happens, e.g. {@code creating}. */
  public String progressive() {
    return progressive;
  }

  /** The action done, e.g. {@code created}. */
  public String past() {
    return past;
  }
}
