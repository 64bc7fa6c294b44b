package io.alchemy.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One prop that changes, as people may read it: values are JSON text, a secret never shows (only
 * that it changed), and a value only {@code up} can know shows as {@value Unknowns#TEXT}.
 *
 * @param path where the prop is, e.g. {@code content}, {@code tags.env}, {@code grants[1]}
 * @param before the recorded value as JSON text, {@code null} when there was none (in a {@link
 *     Drift}: the live value)
 * @param after the desired value as JSON text, {@code null} when it goes away (in a {@link
 *     Drift}: the recorded value)
 * @param secret whether the prop is a secret: then {@code before} and {@code after} are
 *     {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record PropChange(String path, String before, String after, boolean secret) {

  /** One line of a plan, e.g. {@code content: "a" -> "b"}. */
  public String describe() {
    if (secret) {
      return path + ": (secret changed)";
    }
    return path + ": " + (before == null ? "(none)" : before) + " -> "
        + (after == null ? "(none)" : after);
  }
}
