package io.alchemy.core;

import java.time.Duration;

/**
 * One resource action of a run.
 *
 * @param fqn the resource's fully qualified name
 * @param type the provider's type name, e.g. {@code fs::TextFile}
 * @param action what was done
 * @param duration how long the provider call took ({@link Duration#ZERO} when none was made)
 * @param quiet whether the resource's scope asked for no per-resource progress lines
 * @param detail what a person wants to know besides the FQN, e.g. {@code app_db -> app_db_v2}
 *     for a replacement; {@code null} when there is nothing to add
 */
public record ResourceReport(String fqn, String type, ResourceAction action, Duration duration,
    boolean quiet, String detail) {

  /** A report without detail. */
  public ResourceReport(
      String fqn, String type, ResourceAction action, Duration duration, boolean quiet) {
    this(fqn, type, action, duration, quiet, null);
  }
}
