package io.alchemy.core.provider;

import io.alchemy.core.Scope;
import java.nio.file.Path;

/**
 * What a provider knows about the resource it is asked to change.
 *
 * @param scope the scope that declared the resource (for an orphan: the nearest scope of this run
 *     that contains it)
 * @param id the resource id within its scope
 * @param fqn the fully qualified name, e.g. {@code my-app/dev/storage/images}
 * @param baseDir the directory relative paths resolve against (the project directory in Maven)
 */
public record ResourceContext(Scope scope, String id, String fqn, Path baseDir) {

  /** Resolves {@code path} against {@link #baseDir()} when it is relative. */
  public Path resolve(Path path) {
    return baseDir.resolve(path).normalize();
  }
}
