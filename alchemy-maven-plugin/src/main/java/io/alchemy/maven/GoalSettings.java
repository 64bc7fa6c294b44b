package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import java.nio.file.Path;

/**
 * What one goal runs with, resolved from the POM, {@code -D} properties and the environment, and
 * where each value came from, so that an error can point at the exact place to change.
 *
 * @param goal the goal, e.g. {@code up}
 * @param app the app name
 * @param appOrigin where {@code app} came from, e.g. {@code -Dalchemy.app on the command line}
 * @param stage the stage
 * @param stageOrigin where {@code stage} came from
 * @param stateDir the filesystem backend's folder, absolute
 * @param definition the definition class name, or {@code null} to discover it
 * @param definitionOrigin where {@code definition} came from
 * @param baseDir the project directory, which relative paths in props resolve against
 * @param passwordOrigin where the app password comes from, e.g. {@code settings.xml server
 *     'alchemy-prod' (...)}, or {@code null} when none is configured; never the password
 * @param eventsFile the JSON-lines events file, absolute, or {@code null} for none
 * @param stateNote where state lives and where that was configured, for messages about state
 *     that cannot be read or written, e.g. {@code state folder: /p/target/alchemy/state, set with
 *     -Dalchemy.stateDir or <stateDir>}; never a secret
 * @param approvedPlan the plan file {@code alchemy:up} applies, absolute, or {@code null} when it
 *     deploys whatever the definition asks for
 * @param approvedPlanOrigin where {@code approvedPlan} came from, or {@code null}
 */
record GoalSettings(
    String goal,
    String app,
    String appOrigin,
    String stage,
    String stageOrigin,
    Path stateDir,
    String definition,
    String definitionOrigin,
    Path baseDir,
    String passwordOrigin,
    Path eventsFile,
    String stateNote,
    Path approvedPlan,
    String approvedPlanOrigin) {

  /** The note for the filesystem backend in {@code stateDir}. */
  static String fileSystemNote(Path stateDir) {
    return "state folder: " + stateDir + ", set with -D" + PropertyNames.STATE_DIR
        + " or <stateDir>";
  }

  /** The same settings with another {@link #stateNote()}. */
  GoalSettings withStateNote(String note) {
    return new GoalSettings(goal, app, appOrigin, stage, stageOrigin, stateDir, definition,
        definitionOrigin, baseDir, passwordOrigin, eventsFile, note, approvedPlan,
        approvedPlanOrigin);
  }

  /** The same settings for a run that applies the approved plan in {@code file}. */
  GoalSettings withApprovedPlan(Path file, String origin) {
    return new GoalSettings(goal, app, appOrigin, stage, stageOrigin, stateDir, definition,
        definitionOrigin, baseDir, passwordOrigin, eventsFile, stateNote, file, origin);
  }

  /**
   * A run of this app and stage in the project folder, worded for Maven users ({@link
   * MavenHints}); {@code build()} checks the names as the engine would.
   */
  Alchemy.Builder builder() {
    return Alchemy.builder()
        .hints(MavenHints.INSTANCE)
        .app(app)
        .stage(stage)
        .baseDir(baseDir);
  }

  /** e.g. {@code my-app/dev}. */
  String stageFqn() {
    return app + "/" + stage;
  }
}
