package io.alchemy.core.local;

import java.nio.file.Path;

/**
 * Where a local server of one app and stage keeps its files.
 *
 * @param app the app
 * @param stage the stage (the deployed stage's name; local state is kept apart from it)
 * @param dataDirectory the server's own directory, kept between sessions so that what the local
 *     state records still exists next time: {@code target/alchemy/local/<app>/<stage>/<name>}
 * @param logFile where the server's output goes: {@code target/alchemy/logs/<app>/<stage>/<name>.log}
 */
public record LocalServerContext(String app, String stage, Path dataDirectory, Path logFile) {}
