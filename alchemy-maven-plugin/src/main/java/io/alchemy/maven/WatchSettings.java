package io.alchemy.maven;

import java.time.Duration;

/**
 * How a goal paces watch mode ({@code alchemy:dev}, {@code alchemy:up -Dalchemy.watch}).
 *
 * @param debounce how long no further change must come before a redeploy
 * @param maxRuns end after this many runs, the first deploy included (for tests); 0 never
 */
record WatchSettings(Duration debounce, int maxRuns) {

  /** From the goal's {@code debounceMillis} and {@code maxRuns} parameters. */
  static WatchSettings of(long debounceMillis, int maxRuns) {
    return new WatchSettings(Duration.ofMillis(Math.max(0, debounceMillis)), Math.max(0, maxRuns));
  }
}
