package io.alchemy.core.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The files watch mode itself wrote or deleted in the classes folder, each with the modification
 * time it left (none for a deleted one). Their watch events arrive a moment later and must not be
 * taken for an IDE's build, which would redeploy once more for nothing; a file someone else
 * changed since no longer matches and counts again.
 */
final class OwnWrites {

  private final Map<Path, FileTime> left = new HashMap<>();

  /** Notes {@code file} as it is now, written or deleted by watch mode. */
  void note(Path file) {
    left.put(file, modified(file));
  }

  /** Whether the change seen at {@code path} is one of ours, i.e. it is still as we left it. */
  boolean explains(Path path) {
    if (!left.containsKey(path)) {
      return false;
    }
    if (Objects.equals(left.get(path), modified(path))) {
      return true;
    }
    left.remove(path);
    return false;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null; // gone
    }
  }
}
