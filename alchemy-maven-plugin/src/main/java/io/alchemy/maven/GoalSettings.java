package io.alchemy.maven;

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
    Path eventsFile) {

  /** e.g. {@code my-app/dev}. */
  String stageFqn() {
    return app + "/" + stage;
  }
}
