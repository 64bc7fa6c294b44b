package io.alchemy.core.state;

import io.alchemy.core.Hints;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Moves one stage's state from one store to another, e.g. from {@code target/} to PostgreSQL,
 * so a team can switch backends without redeploying. Records are copied verbatim: secrets stay
 * encrypted with the scope passwords they were sealed with, sequence numbers and statuses stay
 * as they are, so the next run on the target store behaves exactly as it would have on the
 * source.
 *
 * <pre>{@code
 * StateMigration.Copied copied = StateMigration.copyStage(
 *     new FileSystemStateStore(Path.of("target/alchemy/state")), postgres,
 *     "my-app", "prod", false, Duration.ofMinutes(5));
 * }</pre>
 */
public final class StateMigration {

  private StateMigration() {}

  /**
   * What a copy did.
   *
   * @param resources how many resource records were copied
   * @param scopes how many scope records were copied
   * @param removed how many records the target held that the source did not (removed only with
   *     {@code overwrite})
   * @param from where they came from
   * @param to where they went
   */
  public record Copied(int resources, int scopes, int removed, String from, String to) {

    /** For a log line: {@code copied 12 resources and 3 scopes from ... to ...}. */
    public String summary() {
      return "copied " + resources + " resource record(s) and " + scopes + " scope record(s) from "
          + from + " to " + to + (removed > 0 ? ", removing " + removed + " record(s) the target"
              + " held before" : "");
    }
  }

  /**
   * Copies the state of {@code app}/{@code stage} from {@code source} (read without its lock) to
   * {@code target} (written under its lock).
   *
   * @param overwrite replace state the target already holds for this stage; without it, a
   *     target that holds any record is refused and left unchanged
   * @param lockTimeout how long to wait for the target stage's lock
   * @throws MigrationRefusedException when the source holds nothing for this stage, or the target
   *     already does and {@code overwrite} is off, before anything is written
   * @throws StateException when a write fails (the message says how far the copy got)
   * @throws StateLockedException when a run holds the target stage's lock
   */
  public static Copied copyStage(StateStore source, StateStore target, String app, String stage,
      boolean overwrite, Duration lockTimeout) {
    return copyStage(source, target, app, stage, overwrite, lockTimeout, Hints.api());
  }

  /**
   * {@link #copyStage(StateStore, StateStore, String, String, boolean, Duration)}, its messages
   * worded with {@code hints} (how to turn overwrite on, how to wait for a lock).
   */
  public static Copied copyStage(StateStore source, StateStore target, String app, String stage,
      boolean overwrite, Duration lockTimeout, Hints hints) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    String stageName = app + "/" + stage;
    try (StageState from = source.open(app, stage, AccessMode.READ)) {
      if (from.resources().isEmpty() && from.scopes().isEmpty()) {
        throw new MigrationRefusedException("Stage " + stageName + " has no state in " + from.location()
            + ", so there is nothing to copy. Check the app, the stage and the source backend.");
      }
      try (StageState to = target.open(app, stage, AccessMode.WRITE, lockTimeout)) {
        int held = to.resources().size() + to.scopes().size();
        if (held > 0 && !overwrite) {
          throw new MigrationRefusedException("Stage " + stageName + " already has state in " + to.location()
              + " (" + to.resources().size() + " resource record(s), " + to.scopes().size()
              + " scope record(s)). Nothing was copied. To replace it with the state in "
              + from.location() + ", copy again with overwrite on (" + hints.overwrite() + ").");
        }
        return copy(from, to, stageName, hints);
      }
    }
  }

  private static Copied copy(StageState from, StageState to, String stageName,
      Hints hints) {
    List<ResourceRecord> resources = from.resources().values().stream()
        .sorted(Comparator.comparingLong(ResourceRecord::seq)).toList();
    List<ScopeRecord> scopes = from.scopes().values().stream()
        .sorted(Comparator.comparing(ScopeRecord::scope)).toList();
    int total = resources.size() + scopes.size();
    int done = 0;
    int removed = 0;
    try {
      // Drop what the source does not have first, so an interrupted copy never leaves a record
      // that neither store's stage should hold.
      Set<String> stale = new HashSet<>(to.resources().keySet());
      stale.removeAll(from.resources().keySet());
      for (String address : stale) {
        to.remove(address);
        removed++;
      }
      Set<String> staleScopes = new HashSet<>(to.scopes().keySet());
      staleScopes.removeAll(from.scopes().keySet());
      for (String scope : staleScopes) {
        to.removeScope(scope);
        removed++;
      }
      for (ResourceRecord record : resources) {
        to.put(record);
        done++;
      }
      for (ScopeRecord record : scopes) {
        to.putScope(record);
        done++;
      }
    } catch (RuntimeException e) {
      throw new StateException("Copying the state of stage " + stageName + " from "
          + from.location() + " to " + to.location() + " stopped after " + done + " of " + total
          + " record(s): " + e.getMessage() + " The source is unchanged. Fix the cause and copy"
          + " again with overwrite on (" + hints.overwrite() + ") to finish.", e);
    }
    return new Copied(resources.size(), scopes.size(), removed, from.location(), to.location());
  }
}
