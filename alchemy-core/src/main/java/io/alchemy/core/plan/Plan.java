package io.alchemy.core.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code up} would do to a stage, decided without changing anything: the result of {@code
 * Alchemy.plan}. Written as a plan file, it can be reviewed and then applied as approved.
 *
 * @param formatVersion the plan file format, {@link #FORMAT_VERSION} when made by this version
 * @param app the app
 * @param stage the stage
 * @param stateFingerprint the fingerprint of the state the plan was made on ({@link
 *     StateFingerprint}); an approved apply refuses any other
 * @param changes every resource that would change, in the order the run would change it
 *     (deletions last, as finalization runs them)
 * @param unchanged how many declared resources would not change
 * @param replace the FQNs whose replacement was asked for when the plan was made; applying the
 *     plan asks for them again
 * @param force whether the plan was made with every resource forced to update
 * @param refresh whether the plan read the live resources to find drift; applying the plan reads
 *     them again
 * @param drift what the live read found changed or deleted outside Alchemy, before the changes
 *     that repair it; empty without {@code refresh}
 */
public record Plan(int formatVersion, String app, String stage, String stateFingerprint,
    List<PlannedChange> changes, long unchanged, List<String> replace, boolean force,
    boolean refresh, List<Drift> drift) {

  /** The plan file format this version writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Never {@code null}; replacements sorted, so equal plans write equal files. */
  public Plan {
    changes = changes == null ? List.of() : List.copyOf(changes);
    replace = replace == null ? List.of() : replace.stream().sorted().distinct().toList();
    drift = drift == null ? List.of() : List.copyOf(drift);
  }

  /** A plan made without reading the live resources. */
  public Plan(int formatVersion, String app, String stage, String stateFingerprint,
      List<PlannedChange> changes, long unchanged, List<String> replace, boolean force) {
    this(formatVersion, app, stage, stateFingerprint, changes, unchanged, replace, force, false,
        List.of());
  }

  /** A plan made without replacements asked for or forced updates. */
  public Plan(int formatVersion, String app, String stage, String stateFingerprint,
      List<PlannedChange> changes, long unchanged) {
    this(formatVersion, app, stage, stateFingerprint, changes, unchanged, List.of(), false);
  }

  /** How many resources would get {@code action}. */
  public long count(PlanAction action) {
    return action == PlanAction.UNCHANGED ? unchanged
        : changes.stream().filter(c -> c.action() == action).count();
  }

  /** How many resources the live read found drifted as {@code kind}. */
  public long count(Drift.Kind kind) {
    return drift.stream().filter(d -> d.kind() == kind).count();
  }

  /** Whether the live read found anything changed or deleted outside Alchemy. */
  public boolean hasDrift() {
    return !drift.isEmpty();
  }

  /** Whether {@code up} would change anything at all. */
  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /**
   * One line, e.g. {@code Plan for my-app/prod: 3 to create, 1 to update, 1 to replace, 2 to
   * delete, 194 unchanged}. Imports, adoptions and finished updates are named only when there
   * are some; with {@code refresh}, what drifted follows, e.g. {@code ; drift: 1 drifted, 1
   * deleted outside Alchemy} or {@code ; no drift}.
   */
  public String summary() {
    List<String> parts = new ArrayList<>();
    for (PlanAction action : List.of(PlanAction.CREATE, PlanAction.UPDATE, PlanAction.REPLACE,
        PlanAction.DELETE, PlanAction.IMPORT, PlanAction.ADOPT, PlanAction.FINISH)) {
      long count = count(action);
      boolean always = action != PlanAction.ADOPT && action != PlanAction.FINISH
          && action != PlanAction.IMPORT;
      if (always || count > 0) {
        parts.add(count + " to " + action.word());
      }
    }
    parts.add(unchanged + " unchanged");
    String line = "Plan for " + app + "/" + stage + ": " + String.join(", ", parts);
    if (!refresh) {
      return line;
    }
    return line + (drift.isEmpty() ? "; no drift" : "; drift: " + count(Drift.Kind.DRIFTED)
        + " drifted, " + count(Drift.Kind.DELETED) + " " + Drift.Kind.DELETED.description());
  }

  /**
   * The plan as people read it: what drifted first ({@code ! drifted}, {@code ! deleted}, see
   * {@link Drift#lines()}), then one line per change ({@code + create}, {@code ~ update}, {@code
   * -/+ replace}, {@code - delete}, {@code <= import}, {@code = adopt}, {@code ~ finish}), each
   * changed prop indented below it, and the {@link #summary()} last.
   */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    drift.forEach(d -> lines.addAll(d.lines()));
    lines.addAll(changeLines());
    return lines;
  }

  /**
   * The plan's lines without its drift: for a caller whose {@link io.alchemy.core.RunListener}
   * showed the drift as it was found.
   */
  public List<String> changeLines() {
    List<String> lines = new ArrayList<>();
    for (PlannedChange change : changes) {
      lines.add(String.format("%-3s %-9s %s (%s)%s", change.action().symbol(),
          change.action().word(), change.fqn(), change.type(),
          change.reason() == null ? "" : ": " + change.reason()));
      for (PropChange prop : change.changes()) {
        lines.add("      " + prop.describe());
      }
    }
    lines.add(summary());
    return lines;
  }
}
