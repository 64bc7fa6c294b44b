package io.alchemy.maven;

import java.time.Duration;
import org.apache.maven.plugin.MojoFailureException;

/**
 * How a goal paces watch mode ({@code alchemy:dev}, {@code alchemy:up -Dalchemy.watch}).
 *
 * @param debounce how long no further change must come before a redeploy
 * @param maxRuns end after this many runs, the first deploy included (for tests); 0 never
 */
record WatchSettings(Duration debounce, int maxRuns) {

  /**
   * From the goal's {@code debounceMillis} and {@code maxRuns} parameters.
   *
   * @param debounceOrigin where {@code debounceMillis} came from, for the message
   * @param maxRunsOrigin where {@code maxRuns} came from
   * @throws MojoFailureException when either is negative: a negative count used to mean "never
   *     end", a surprise for a test that meant to stop
   */
  static WatchSettings of(long debounceMillis, String debounceOrigin, int maxRuns,
      String maxRunsOrigin) throws MojoFailureException {
    if (maxRuns < 0) {
      throw new MojoFailureException("The number of watch runs " + maxRuns + " (from "
          + maxRunsOrigin + ") is negative. Use 0 to watch until Ctrl-C, or a positive count to"
          + " end after that many runs, e.g. -D" + PropertyNames.WATCH_MAX_RUNS + "=3."
          + " Nothing was run or written.");
    }
    if (debounceMillis < 0) {
      throw new MojoFailureException("The watch debounce " + debounceMillis + " ms (from "
          + debounceOrigin + ") is negative. Use 0 or more milliseconds of quiet before a"
          + " redeploy, e.g. -D" + PropertyNames.WATCH_DEBOUNCE + "=200 (the default)."
          + " Nothing was run or written.");
    }
    return new WatchSettings(Duration.ofMillis(debounceMillis), maxRuns);
  }
}
