package io.alchemy.core.fs;

import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceExistsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What the file system allows at a path, for the checks of the file resources. */
final class Paths {

  private Paths() {}

  /**
   * Fails when {@code path} can never be a {@code kind} ({@code "file"} or {@code "folder"}):
   * something of the other kind is there, or a folder above it is a file.
   *
   * @param what the resource, for the message, e.g. {@code "text file"}
   */
  static void checkCanHold(Path path, String kind, String what) throws IOException {
    boolean wantsFolder = kind.equals("folder");
    if (wantsFolder ? Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
        : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(path + " is a " + (wantsFolder ? "file" : "folder") + ", so it"
          + " cannot be this " + what + ". Choose another path, or move the "
          + (wantsFolder ? "file" : "folder") + " away. Nothing was changed.");
    }
    for (Path above = path.getParent(); above != null; above = above.getParent()) {
      // One look per folder: asked "a folder?" then "there?", a folder that another resource
      // of the run created in between passed for a file.
      BasicFileAttributes found;
      try {
        found = Files.readAttributes(above, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException absent) {
        // not there, or not to be seen: as before, the next folder up decides
        continue;
      }
      if (found.isDirectory()) {
        return;
      }
      throw new IOException(path + " lies below " + above + ", which is a file, not a folder,"
          + " so this " + what + " cannot be made there. Choose another path, or move " + above
          + " away. Nothing was changed.");
    }
  }

  /**
   * Where a file or folder resource is: the absolute path its output recorded, or, before its
   * creation finished ({@code outputPath} {@code null}), its props' path resolved.
   */
  static Path made(ResourceContext context, String propsPath, String outputPath) {
    return outputPath != null ? Path.of(outputPath) : context.resolve(Path.of(propsPath));
  }

  /**
   * {@code path}, when nothing is there yet.
   *
   * @param kind what the resource makes, for the message, e.g. {@code "file"}
   * @throws ResourceExistsException when something is there: it was not made by this resource,
   *     and the engine decides whether the stage owns it
   */
  static Path requireAbsent(Path path, String kind) throws ResourceExistsException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new ResourceExistsException(kind + " " + path);
    }
    return path;
  }

  /**
   * Whether something may be at {@code path}: false when a folder above it is a file, where the
   * file system would refuse even to look (and a delete has nothing to do).
   */
  static boolean mayExist(Path path) {
    for (Path above = path.getParent(); above != null; above = above.getParent()) {
      if (Files.isDirectory(above)) {
        return true;
      }
      if (Files.exists(above, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
  }
}
