package io.alchemy.core.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What {@code up} would do with one resource, as a plan shows it. */
public enum PlanAction {
  /** Not in state: {@code up} creates it. */
  CREATE("+", "create"),
  /** Props changed in a way the provider changes in place. */
  UPDATE("~", "update"),
  /** Props changed in a way that needs a new instance (or a replacement was asked for). */
  REPLACE("-/+", "replace"),
  /**
   * An orphan, an old instance of a replaced resource, or what a scope no longer entered (or
   * destroyed) holds.
   */
  DELETE("-", "delete"),
  /**
   * A crashed run left it being created or deleted: {@code up} creates it again and takes over
   * what the crashed run may have made.
   */
  ADOPT("=", "adopt"),
  /**
   * Not in state, declared to take over an existing thing by its id ({@code
   * ResourceOptions.importing}): {@code up} records it as it is, then updates it to the declared
   * props where they differ.
   */
  IMPORT("<=", "import"),
  /** A crashed run left it being updated: {@code up} finishes the update. */
  FINISH("~", "finish"),
  /** Props equal to the recorded ones: nothing to do. */
  UNCHANGED(" ", "unchanged");

  private final String symbol;
  private final String word;

  PlanAction(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  /** The sign a plan line starts with, e.g. {@code +} or {@code -/+}. */
  public String symbol() {
    return symbol;
  }

  /** The action as a word, e.g. {@code replace}; also its name in plan files. */
  @JsonValue
  public String word() {
    return word;
  }

  /** The action whose {@link #word()} is {@code word}. */
  @JsonCreator
  public static PlanAction ofWord(String word) {
    for (PlanAction action : values()) {
      if (action.word.equals(word)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown plan action '" + word + "'");
  }
}
