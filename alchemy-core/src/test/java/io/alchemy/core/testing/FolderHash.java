package io.alchemy.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Every folder and file under a root with the SHA-256 of its bytes, lock files included: two
 * equal results prove that nothing under the root changed. Shared with other modules' tests
 * through alchemy-core's test jar.
 */
public final class FolderHash {

  private FolderHash() {}

  /** One line per folder ({@code a/b/}) and file ({@code a/b/c.txt <sha256>}), sorted. */
  public static String of(Path root) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted().toList()) {
        out.append(root.relativize(path));
        out.append(Files.isDirectory(path) ? "/" : " " + sha256(path)).append('\n');
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out.toString();
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
