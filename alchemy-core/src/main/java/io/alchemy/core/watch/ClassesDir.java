package io.alchemy.core.watch;

import io.alchemy.core.watch.ChangedPaths.Rooted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The classes folder (e.g. {@code target/classes}) as watch mode keeps it: resources copied in
 * as they are, copies of deleted resources and classes of deleted sources removed. Every write
 * is noted in {@link OwnWrites}.
 */
final class ClassesDir {

  private final Path dir;
  private final OwnWrites own;

  ClassesDir(Path dir, OwnWrites own) {
    this.dir = dir;
    this.own = own;
  }

  /** The folder, absolute. */
  Path path() {
    return dir;
  }

  /**
   * Copies a changed resource to the same place below the classes folder, or removes the copy
   * (a whole folder of copies when a folder was deleted) when the resource is gone.
   */
  void update(Rooted resource) throws IOException {
    Path target = dir.resolve(resource.relative().toString());
    if (Files.isRegularFile(resource.path())) {
      Files.createDirectories(target.getParent());
      Files.copy(resource.path(), target, StandardCopyOption.REPLACE_EXISTING);
      own.note(target);
    } else if (!Files.exists(resource.path())) {
      for (Path removed : deleteTree(target)) {
        own.note(removed);
      }
    }
  }

  /**
   * Removes what a deleted source compiled to: for {@code p/Foo.java}, {@code p/Foo.class} and
   * the nested and anonymous classes {@code p/Foo$*.class}. Other top-level classes declared in
   * the same file cannot be told from the file name and stay.
   *
   * @return the class files removed
   */
  List<Path> removeClassesOf(Rooted source) throws IOException {
    Path relative = source.relative();
    String file = relative.getFileName().toString();
    String name = file.substring(0, file.length() - ".java".length());
    Path folder = relative.getParent() == null ? dir : dir.resolve(relative.getParent().toString());
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return removed;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path candidate : files.sorted().toList()) {
        String candidateName = candidate.getFileName().toString();
        if (candidateName.equals(name + ".class")
            || candidateName.startsWith(name + "$") && candidateName.endsWith(".class")) {
          if (Files.deleteIfExists(candidate)) {
            removed.add(candidate);
          }
          own.note(candidate);
        }
      }
    }
    return removed;
  }

  /** Notes class files the compiler wrote. */
  void compiled(List<Path> written) {
    written.forEach(own::note);
  }

  /** The fully qualified name of a class file below the folder, e.g. {@code p.Foo$1}. */
  String className(Path classFile) {
    String relative = dir.relativize(classFile).toString();
    return relative.substring(0, relative.length() - ".class".length())
        .replace(classFile.getFileSystem().getSeparator(), ".");
  }

  private static List<Path> deleteTree(Path target) throws IOException {
    if (!Files.exists(target)) {
      return List.of();
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(target)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
    return paths;
  }
}
