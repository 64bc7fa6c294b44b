package io.alchemy.bench.crash;

import java.util.List;

/**
 * How one crash round ended.
 *
 * @param seed the round's seed: {@code bench/run crash 1 <seed>} replays it (a SIGKILL lands
 *     wherever the child is at that moment, so only halts replay exactly, and with concurrency
 *     only as far as the order in which calls get their numbers)
 * @param type the round type, which the seed determines
 * @param concurrency how the round's runs entered their scopes, which the seed determines
 * @param kill where the killed run was to die
 * @param killed whether it died there; false when it finished first (a SIGKILL that came late, a
 *     halt after a call the run did not make)
 * @param diedAt the call a halted child died at, as it printed it, or null
 * @param inFlightAtHalt how many other provider calls were running when the child halted; -1
 *     when it did not halt (a SIGKILL, or no kill)
 * @param differences what was wrong after the completing run; empty when the round passed
 * @param millis the round's wall time
 */
public record RoundOutcome(long seed, RoundType type, Concurrency concurrency, KillPoint kill,
    boolean killed, String diedAt, int inFlightAtHalt, List<String> differences, long millis) {

  /** Copies the list. */
  public RoundOutcome {
    differences = List.copyOf(differences);
  }

  /** Whether everything matched. */
  public boolean passed() {
    return differences.isEmpty();
  }

  /** e.g. {@code kill during B, then B (forEach)}. */
  public String label() {
    return type.label() + " (" + concurrency.label() + ")";
  }

  /** One line per fact: round, seed, kill point, then each difference. */
  public String report() {
    StringBuilder out = new StringBuilder()
        .append(passed() ? "passed" : "FAILED").append(": ").append(label())
        .append(", seed ").append(seed).append(", ").append(kill)
        .append(killed ? "" : " (the run finished before the kill)");
    if (diedAt != null) {
      out.append("\n  ").append(diedAt);
    }
    for (String difference : differences) {
      out.append("\n  ").append(difference);
    }
    return out.toString();
  }
}
