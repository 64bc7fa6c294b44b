package io.alchemy.core.provider;

import io.alchemy.core.Hints;
import io.alchemy.core.Scope;
import io.alchemy.core.secret.SecretMask;
import java.nio.file.Path;

/**
 * What a provider knows about the resource it is asked to change.
 *
 * @param scope the scope that declared the resource (for an orphan: the nearest scope of this run
 *     that contains it)
 * @param id the resource id within its scope
 * @param fqn the fully qualified name, e.g. {@code my-app/dev/storage/images}
 * @param baseDir the directory relative paths resolve against (the project directory in Maven)
 * @param secretMask hides Alchemy's own passwords in text from the outside world; apply it to
 *     whatever output a provider records or reports
 * @param hints how a provider's messages word the fixes they suggest, e.g. {@link Hints#adopt()}
 *     for "adopt it"
 */
public record ResourceContext(
    Scope scope, String id, String fqn, Path baseDir, SecretMask secretMask, Hints hints) {

  /** A context whose messages are worded for the Java API ({@link Hints#api()}). */
  public ResourceContext(Scope scope, String id, String fqn, Path baseDir, SecretMask secretMask) {
    this(scope, id, fqn, baseDir, secretMask, Hints.api());
  }

  /** A context whose mask hides nothing, e.g. for a provider's own tests. */
  public ResourceContext(Scope scope, String id, String fqn, Path baseDir) {
    this(scope, id, fqn, baseDir, SecretMask.NONE);
  }

  /** Never {@code null}: no mask hides nothing. */
  public ResourceContext {
    secretMask = secretMask == null ? SecretMask.NONE : secretMask;
    hints = hints == null ? Hints.api() : hints;
  }

  /** Resolves {@code path} against {@link #baseDir()} when it is relative. */
  public Path resolve(Path path) {
    return baseDir.resolve(path).normalize();
  }
}
