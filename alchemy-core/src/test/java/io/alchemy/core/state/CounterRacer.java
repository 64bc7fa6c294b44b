package io.alchemy.core.state;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate process for {@link FileSystemLockingTest}: {@code rounds} times, takes the stage
 * lock (waiting), reads the counter record, writes it incremented, and releases. If two holders
 * ever overlapped, an increment would be lost.
 */
public final class CounterRacer {

  private CounterRacer() {}

  /**
   * Arguments: state root, rounds, and optionally a counter file: then the counter is kept in
   * that file, under the lock of a stage whose state stays empty, so every release deletes the
   * lock file while the other process waits on it.
   */
  public static void main(String[] args) throws IOException {
    FileSystemStateStore store = new FileSystemStateStore(Path.of(args[0]));
    int rounds = Integer.parseInt(args[1]);
    for (int i = 0; i < rounds; i++) {
      if (args.length > 2) {
        incrementFile(store, Path.of(args[2]));
      } else {
        increment(store);
      }
    }
  }

  /** One locked read-increment-write of {@code counter}, a file beside an empty stage. */
  public static void incrementFile(StateStore store, Path counter) throws IOException {
    try (StageState state = store.open("app", "empty", AccessMode.WRITE, Duration.ofSeconds(60))) {
      long next = Files.exists(counter) ? Long.parseLong(Files.readString(counter).trim()) + 1 : 1;
      Files.writeString(counter, Long.toString(next));
    }
  }

  /** One locked read-increment-write of the counter of {@code app/dev}. */
  public static void increment(StateStore store) {
    try (StageState state = store.open("app", "dev", AccessMode.WRITE, Duration.ofSeconds(60))) {
      ResourceRecord counter = state.resources().get("counter");
      long next = counter == null ? 1 : counter.seq() + 1;
      state.put(new ResourceRecord(ResourceRecord.FORMAT_VERSION, "", "counter", "app/dev/counter",
          "t::Counter", next, ResourceStatus.CREATED, TextNode.valueOf("n"), null, null, null));
    }
  }

  /** The counter now. */
  public static long read(StateStore store) {
    try (StageState state = store.open("app", "dev", AccessMode.READ)) {
      ResourceRecord counter = state.resources().get("counter");
      return counter == null ? 0 : counter.seq();
    }
  }
}
