package io.alchemy.core.watch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One debounced batch of changed paths, sorted by what watch mode does with each: compile a
 * changed source, remove the classes of a deleted one, copy (or remove the copy of) a resource,
 * or just redeploy for a class file that something else, such as an IDE, wrote. Anything else
 * (a non-Java file in a source folder, our own writes in the classes folder) is left out.
 *
 * @param changedSources {@code .java} files that exist, to compile
 * @param deletedSources {@code .java} files that are gone, with their source root
 * @param resources resource files changed or deleted, with their resource root
 * @param classFiles paths in the classes folder that watch mode did not write
 */
record ChangedPaths(List<Path> changedSources, List<Rooted> deletedSources,
    List<Rooted> resources, List<Path> classFiles) {

  /**
   * A path with the root folder it lies in.
   *
   * @param root the source or resource root
   * @param path a path below it
   */
  record Rooted(Path root, Path path) {

    /** {@link #path()} relative to {@link #root()}. */
    Path relative() {
      return root.relativize(path);
    }
  }

  /**
   * Sorts {@code paths}.
   *
   * @param paths absolute, normalized paths seen changed
   * @param sourceRoots the source roots
   * @param resourceRoots the resource roots
   * @param classesDir the classes folder
   * @param own what watch mode wrote itself, left out
   */
  static ChangedPaths sort(Collection<Path> paths, List<Path> sourceRoots,
      List<Path> resourceRoots, Path classesDir, OwnWrites own) {
    List<Path> changed = new ArrayList<>();
    List<Rooted> deleted = new ArrayList<>();
    List<Rooted> resources = new ArrayList<>();
    List<Path> classFiles = new ArrayList<>();
    for (Path path : paths) {
      // First: a resource root such as the project folder itself may hold the classes folder.
      if (path.startsWith(classesDir)) {
        if (!own.explains(path)) {
          classFiles.add(path);
        }
        continue;
      }
      Path root = rootOf(path, sourceRoots);
      if (root != null) {
        if (path.getFileName().toString().endsWith(".java")) {
          if (Files.isRegularFile(path)) {
            changed.add(path);
          } else if (!Files.exists(path)) {
            deleted.add(new Rooted(root, path));
          }
        }
        continue;
      }
      root = rootOf(path, resourceRoots);
      if (root != null) {
        resources.add(new Rooted(root, path));
      }
    }
    return new ChangedPaths(List.copyOf(changed), List.copyOf(deleted), List.copyOf(resources),
        List.copyOf(classFiles));
  }

  /** How many paths call for a redeploy. */
  int size() {
    return changedSources.size() + deletedSources.size() + resources.size() + classFiles.size();
  }

  /** Whether nothing calls for a redeploy. */
  boolean isEmpty() {
    return size() == 0;
  }

  private static Path rootOf(Path path, List<Path> roots) {
    for (Path root : roots) {
      if (path.startsWith(root)) {
        return root;
      }
    }
    return null;
  }
}
