package io.alchemy.core.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The generation of a local server's data, kept in its data directory: an id that the local state
 * records with each resource found on that data, and, while no server runs on it, the
 * fingerprint of the data as the last single run left it. A resource recorded with the
 * directory's generation, whose data still has that fingerprint, is still there: no server has
 * to start to find out.
 */
final class DataGeneration {

  private static final String FILE = "alchemy-generation";

  /**
   * What the file says.
   *
   * @param id the generation
   * @param fingerprint the digest of the data's fingerprint when it came to rest; empty while a
   *     server runs on it, and after a session that kept its server open between runs
   */
  record Mark(String id, Optional<String> fingerprint) {

    /** Whether the data rests as it was left: its fingerprint now equals the one recorded. */
    boolean restsAt(Optional<String> now) {
      return fingerprint.isPresent() && now.isPresent()
          && fingerprint.get().equals(digest(now.get()));
    }
  }

  private final Path file;

  /** The generation of the data in {@code dataDirectory}. */
  DataGeneration(Path dataDirectory) {
    this.file = dataDirectory.resolve(FILE);
  }

  /** A generation nobody has recorded yet. */
  static String newId() {
    return UUID.randomUUID().toString();
  }

  /** What the file says; empty when there is none or it is not one of ours. */
  Optional<Mark> read() {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        return Optional.empty();
      }
      return Optional.of(new Mark(lines.get(0).trim(), lines.size() > 1
          && !lines.get(1).isBlank() ? Optional.of(lines.get(1).trim()) : Optional.empty()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Forgets the generation: a server is about to start on the data, which may change it. */
  void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Records {@code id} for data a server runs on: no run trusts it unseen until it rests. */
  void inUse(String id) throws IOException {
    write(id + "\n");
  }

  /** Records that the data of generation {@code id} rests with {@code fingerprint}. */
  void rest(String id, String fingerprint) throws IOException {
    write(id + "\n" + digest(fingerprint) + "\n");
  }

  private void write(String content) throws IOException {
    // Atomically: a torn file would read as another generation, or as none.
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  // One line whatever a factory's fingerprint looks like.
  private static String digest(String fingerprint) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(fingerprint.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
