package io.alchemy.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * An append-only log of state changes, one entry a line: {@code <crc32 hex> <json>\n}. An entry is
 * written with a single write call, so a killed process leaves it whole or missing. A damaged tail
 * (an entry cut short by a power loss) is recognised by its checksum and dropped; a damaged entry
 * followed by good ones is corruption and is reported, never repaired.
 */
final class Journal implements AutoCloseable {

  private static final ObjectMapper MAPPER = StateJson.mapper();

  private final Path file;
  private FileChannel channel;
  private boolean written;

  private Journal(Path file) {
    this.file = file;
  }

  /** Opens {@code file} for appending, creating it on the first append. */
  static Journal forAppend(Path file) {
    return new Journal(file);
  }

  /**
   * Reads every whole entry of {@code file}.
   *
   * @param validLength receives, at index 0, the length of the file's valid part
   */
  static List<JsonNode> read(Path file, long[] validLength) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      validLength[0] = 0;
      return List.of();
    } catch (IOException e) {
      throw new StateException("Cannot read state journal " + file + ": " + e, e);
    }
    List<JsonNode> entries = new ArrayList<>();
    int start = 0;
    int line = 0;
    int firstBad = -1;
    int firstBadLine = 0;
    String firstBadReason = null;
    long valid = 0;
    while (start < bytes.length) {
      line++;
      int end = indexOf(bytes, (byte) '\n', start);
      String reason = null;
      JsonNode entry = null;
      if (end < 0) {
        reason = "the entry is cut short";
        end = bytes.length;
      } else {
        try {
          entry = parse(bytes, start, end);
        } catch (IllegalArgumentException | IOException e) {
          reason = e.getMessage();
        }
      }
      if (entry == null) {
        if (firstBad < 0) {
          firstBad = start;
          firstBadLine = line;
          firstBadReason = reason;
        }
      } else {
        if (firstBad >= 0) {
          throw new CorruptStateException("State journal " + file + " is damaged at line "
              + firstBadLine + " (" + firstBadReason + ") and has good entries after it."
              + " Alchemy left it untouched. Restore the stage's state folder from a backup, or"
              + " remove the damaged line by hand if you know what it recorded, then run again.",
              null);
        }
        entries.add(entry);
        valid = end + 1L;
      }
      start = end + 1;
    }
    validLength[0] = valid;
    return entries;
  }

  private static JsonNode parse(byte[] bytes, int start, int end) throws IOException {
    int space = indexOf(bytes, (byte) ' ', start);
    if (space < 0 || space > end || space - start != 8) {
      throw new IllegalArgumentException("no checksum");
    }
    long expected;
    try {
      expected = Long.parseLong(new String(bytes, start, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no checksum");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, space + 1, end - space - 1);
    if (crc.getValue() != expected) {
      throw new IllegalArgumentException("checksum mismatch");
    }
    return MAPPER.readTree(bytes, space + 1, end - space - 1);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Cuts a damaged tail off so that new entries follow the last good one. */
  static void truncate(Path file, long length) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(length);
    } catch (NoSuchFileException e) {
      // nothing to cut
    } catch (IOException e) {
      throw new StateException("Cannot repair the tail of state journal " + file + ": " + e, e);
    }
  }

  /** Appends one entry as a single write. */
  synchronized void append(Object entry) {
    try {
      byte[] json = MAPPER.writeValueAsBytes(entry);
      CRC32 crc = new CRC32();
      crc.update(json);
      byte[] line = new byte[json.length + 10];
      byte[] sum = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(sum, 0, line, 0, 9);
      System.arraycopy(json, 0, line, 9, json.length);
      line[line.length - 1] = '\n';
      if (channel == null) {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
      }
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      written = true;
    } catch (IOException e) {
      throw new StateException("Cannot append to state journal " + file + ": " + e
          + ". Check free disk space and permissions; the run stops here.", e);
    }
  }

  /** Whether anything was appended since this journal was opened. */
  synchronized boolean written() {
    return written;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // every entry was already handed to the OS
      }
      channel = null;
    }
  }
}
