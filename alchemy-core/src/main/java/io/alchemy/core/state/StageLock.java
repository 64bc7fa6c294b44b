package io.alchemy.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * An exclusive OS file lock on a stage. The operating system drops it when the holding process
 * dies, so a crashed run never leaves a stale lock. The file is never deleted: deleting it could
 * let two runs lock two different files of the same name. While held, the file names its holder
 * as one line of JSON ({@link LockInfo#toJson()} plus {@code pid}); release empties it.
 */
final class StageLock {

  private final FileChannel channel;
  private final FileLock lock;
  private final LockInfo info;

  private StageLock(FileChannel channel, FileLock lock, LockInfo info) {
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
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
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
            "lock file " + file, crashAdvice(holder.orElse(null)), Duration.ZERO);
      }
      LockInfo info = LockInfo.forThisProcess();
      ObjectNode json = info.toJson();
      json.put("pid", ProcessHandle.current().pid());
      byte[] line = (StateJson.mapper().writeValueAsString(json) + "\n")
          .getBytes(StandardCharsets.UTF_8);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(line), 0);
      return new StageLock(channel, lock, info);
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

  void release() {
    try {
      channel.truncate(0);
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
