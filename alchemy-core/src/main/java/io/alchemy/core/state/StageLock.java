package io.alchemy.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;

/**
 * An exclusive OS file lock on a stage. The operating system drops it when the holding process
 * dies, so a crashed run never leaves a stale lock. While held, the file names its holder as one
 * line of JSON ({@link LockInfo#toJson()} plus {@code pid}); release empties it, or deletes it
 * when the stage has no state left.
 *
 * <p>Deleting a lock file could let two runs lock two different files of the same name (one
 * opened the old file before it was deleted, one created a new one), so taking the lock ends
 * with a check: the file at the path must still be the one opened (same file key, read with
 * {@code stat}, never by opening it: closing any other descriptor of the file would drop this
 * process's lock), or the lock is on a deleted file and is taken again. Where the file system
 * has no file keys, lock files are never deleted.
 */
final class StageLock {

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final LockInfo info;
  private final boolean deletable;

  private StageLock(Path file, FileChannel channel, FileLock lock, LockInfo info,
      boolean deletable) {
    this.file = file;
    this.deletable = deletable;
    this.channel = channel;
    this.lock = lock;
    this.info = info;
  }

  /** Takes the lock in {@code file}, waiting up to {@code timeout} while another run holds it. */
  static StageLock acquire(Path file, String stageName, Duration timeout) {
    return LockWait.acquire(timeout, () -> tryAcquire(file, stageName));
  }

  /** Takes the lock in {@code file} or fails at once. */
  static StageLock acquire(Path file, String stageName) {
    return acquire(file, stageName, Duration.ZERO);
  }

  private static StageLock tryAcquire(Path file, String stageName) {
    // A lock on a file that its holder deleted proves nothing: take it again. Each retry means
    // another run released and deleted the file meanwhile, so this ends quickly.
    for (int attempt = 0; ; attempt++) {
      StageLock lock = tryAcquireOnce(file, stageName);
      if (lock != null) {
        return lock;
      }
      if (attempt >= 100) {
        throw new StateException("Cannot lock stage " + stageName + " with " + file + ": the"
            + " lock file kept being deleted while it was taken. Check that nothing else deletes"
            + " files in the state folder.", null);
      }
    }
  }

  /** The lock, or {@code null} when the file locked was deleted meanwhile. */
  private static StageLock tryAcquireOnce(Path file, String stageName) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      Object before = fileKey(file);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      Object opened = fileKey(file);
      if (before != null && !before.equals(opened)) {
        // replaced while it was opened: which one this channel holds is unknown
        channel.close();
        return null;
      }
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // another run in this JVM holds it
        lock = null;
      }
      if (lock == null) {
        channel.close();
        Optional<Holder> holder = readHolder(file);
        throw new StateLockedException(stageName, holder.map(Holder::info).orElse(null),
            "lock file " + file, crashAdvice(holder.orElse(null)), false, Duration.ZERO);
      }
      LockInfo info = LockInfo.forThisProcess();
      ObjectNode json = info.toJson();
      json.put("pid", ProcessHandle.current().pid());
      byte[] line = (StateJson.mapper().writeValueAsString(json) + "\n")
          .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(line), 0);
      if (opened == null || !opened.equals(fileKey(file))) {
        // Locked a file its holder deleted meanwhile (or none can tell): take the lock again,
        // on the file now at the path.
        if (opened == null) {
          return new StageLock(file, channel, lock, info, false);
        }
        lock.release();
        channel.close();
        return null;
      }
      return new StageLock(file, channel, lock, info, true);
    } catch (NoSuchFileException e) {
      // the folder or file went between creating and opening it: a release deleted it
      closeQuietly(channel);
      return null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StateException("Cannot lock stage " + stageName + " with " + file + ": " + e
          + ". Check that the state folder is writable.", e);
    }
  }

  private static String crashAdvice(Holder holder) {
    return "A crashed run cannot hold this lock: the operating system releases it when "
        + (holder == null || holder.pid() < 0 ? "the holding process" : "process " + holder.pid())
        + " ends.";
  }

  /** The lock id and holder of this acquisition. */
  LockInfo info() {
    return info;
  }

  /** The file key of {@code file} by {@code stat}, or {@code null} when absent or unknown. */
  private static Object fileKey(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  void release() {
    release(false);
  }

  /**
   * Releases the lock; with {@code deleteFile}, first deletes the lock file and then its folder
   * when that is empty, for a stage whose state is gone. Deleting while still holding the lock
   * is what lets a run that waits on the old file notice it.
   */
  void release(boolean deleteFile) {
    try {
      channel.truncate(0);
      if (deleteFile && deletable) {
        Files.deleteIfExists(file);
        try {
          Files.deleteIfExists(file.getParent());
        } catch (DirectoryNotEmptyException e) {
          // other stages of the app, or the user's files
        }
      }
      lock.release();
    } catch (IOException ignored) {
      // closing the channel below releases the lock anyway
    } finally {
      closeQuietly(channel);
    }
  }

  /**
   * The holder a lock file names, or empty when it names none: released, never taken, written by
   * an older version, or left by a process on this host that no longer runs (its OS lock went
   * with it).
   */
  static Optional<Holder> holderOf(Path file) {
    Optional<Holder> holder = readHolder(file);
    if (holder.isPresent() && holder.get().pid() >= 0
        && holder.get().info().host().equals(LockInfo.localHost())
        && ProcessHandle.of(holder.get().pid()).map(p -> !p.isAlive()).orElse(true)) {
      return Optional.empty();
    }
    return holder;
  }

  private static Optional<Holder> readHolder(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateException("Cannot read lock file " + file + ": " + e
          + ". Check that the state folder is readable.", e);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode json = StateJson.mapper().readTree(text);
      return Optional.of(new Holder(LockInfo.fromJson(json), json.path("pid").asLong(-1)));
    } catch (IOException | IllegalArgumentException e) {
      // a holder caught mid-write, or an older version's text: the OS lock is what counts
      return Optional.empty();
    }
  }

  /** What a lock file says about its holder. */
  record Holder(LockInfo info, long pid) {}

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }
}
