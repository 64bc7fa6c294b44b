package io.alchemy.maven;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations in parameters: ISO-8601 ({@code PT10M}) or a plain number of seconds ({@code 600}). */
final class Durations {

  private Durations() {}

  /**
   * {@code text} as a duration.
   *
   * @return the duration, or {@code null} when {@code text} is neither an ISO-8601 duration nor a
   *     whole number of seconds
   */
  static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.matches("-?\\d{1,12}")) {
      return Duration.ofSeconds(Long.parseLong(trimmed));
    }
    try {
      return Duration.parse(trimmed);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
