package io.alchemy.core.engine;

import io.alchemy.core.Hints;
import io.alchemy.core.Phase;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.secret.Secret;
import java.nio.file.Path;
import java.util.Set;

/**
 * The settings of one run, already validated.
 *
 * @param app the app name
 * @param stage the stage
 * @param phase the phase of the stage scope
 * @param local local mode
 * @param watch watch mode
 * @param quiet no per-resource progress lines
 * @param adopt adopt existing resources
 * @param force call providers even for unchanged props
 * @param refresh read every recorded resource live to find drift, and repair it in {@code up}
 * @param baseDir what relative paths in props resolve against
 * @param password the app password for secrets, or {@code null}
 * @param credentials the provider credentials of the root scope
 * @param parallelism how many provider calls may run at once, 1 or more
 * @param replace FQNs of resources to replace even though their props did not change
 * @param hints how messages word the fixes they suggest; {@code null} is {@link Hints#api()}
 */
public record RunSettings(
    String app,
    String stage,
    Phase phase,
    boolean local,
    boolean watch,
    boolean quiet,
    boolean adopt,
    boolean force,
    boolean refresh,
    Path baseDir,
    Secret password,
    ProviderCredentials credentials,
    int parallelism,
    Set<String> replace,
    Hints hints) {

  /** Terraform's default, and enough to hide most of a cloud API's latency. */
  public static final int DEFAULT_PARALLELISM = 10;

  /** Rejects a parallelism below 1. */
  public RunSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be 1 or more, was " + parallelism);
    }
    replace = replace == null ? Set.of() : Set.copyOf(replace);
    hints = hints == null ? Hints.api() : hints;
  }

  /**
   * The settings an approved plan was made with, on top of these: its replacements, forced
   * updates and live reads are asked for again, and any this run adds show as differences from
   * the plan.
   */
  public RunSettings withPlanned(java.util.Collection<String> plannedReplace,
      boolean plannedForce, boolean plannedRefresh) {
    Set<String> all = new java.util.TreeSet<>(replace);
    all.addAll(plannedReplace);
    return new RunSettings(app, stage, phase, local, watch, quiet, adopt, force || plannedForce,
        refresh || plannedRefresh, baseDir, password, credentials, parallelism, all, hints);
  }

  /** The same settings in another phase. */
  public RunSettings withPhase(Phase other) {
    return new RunSettings(app, stage, other, local, watch, quiet, adopt, force, refresh,
        baseDir, password, credentials, parallelism, replace, hints);
  }
}
