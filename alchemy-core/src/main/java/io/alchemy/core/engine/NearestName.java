package io.alchemy.core.engine;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name closest to a misspelt one, for "did you mean" hints: {@code alchemy.stag} is
 * nearest to {@code alchemy.stage}. Closeness is the edit distance (insertions, deletions and
 * substitutions of single characters, Levenshtein's), compared case-insensitively.
 */
public final class NearestName {

  private NearestName() {}

  /**
   * The candidate nearest to {@code name}.
   *
   * @param name the name as given
   * @param candidates the known names
   * @param maxDistance the most edits a hint may be away; farther candidates are no hint, since a
   *     wild guess misleads more than none
   * @return the nearest candidate within {@code maxDistance} (the first of equally near ones), or
   *     empty
   */
  public static Optional<String> among(String name, Collection<String> candidates,
      int maxDistance) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= maxDistance ? Optional.of(best) : Optional.empty();
  }

  /** The edit distance between {@code a} and {@code b}. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
