package io.alchemy.core.state;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive OS file lock on a stage. The operating system drops it when the holding process
 * dies, so a crashed run never leaves a stale lock. The file is never deleted: deleting it could
 * let two runs lock two different files of the same name.
 */
final class StageLock {

  private final FileChannel channel;
  private final FileLock lock;

  private StageLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StageLock acquire(Path file, String stageName) {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new StateLockedException("Stage " + stageName + " is locked by another run ("
            + (holder.isEmpty() ? "holder unknown" : holder) + ", lock file " + file
            + "). Wait for that run to finish and try again; the lock is released when it ends.");
      }
      String holder = "pid " + ProcessHandle.current().pid() + " on " + hostName() + " since "
          + Instant.now();
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      return new StageLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StateException("Cannot lock stage " + stageName + " with " + file + ": " + e
          + ". Check that the state folder is writable.", e);
    }
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

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

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
