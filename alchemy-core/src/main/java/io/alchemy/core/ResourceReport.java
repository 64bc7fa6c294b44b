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
 */
public record ResourceReport(
    String fqn, String type, ResourceAction action, Duration duration, boolean quiet) {}
