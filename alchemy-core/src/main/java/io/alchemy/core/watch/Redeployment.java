package io.alchemy.core.watch;

import io.alchemy.core.RunResult;
import java.time.Duration;

/**
 * One successful deployment of a watch session: the first one, or a redeploy after changes.
 *
 * @param first whether it is the session's first deployment, made before anything changed
 * @param changedFiles how many changed files led to it; 0 for the first
 * @param className the definition class that ran
 * @param result what the run did
 * @param editToRedeployed from the newest changed file's modification time to the end of the
 *     run (from the start of the run for the first deployment, or when the files cannot tell)
 * @param compile how long the in-process compile took; zero when nothing was compiled
 * @param loadAndRun loading the definition in a new class loader plus the run itself
 */
public record Redeployment(boolean first, int changedFiles, String className, RunResult result,
    Duration editToRedeployed, Duration compile, Duration loadAndRun) {}
