package io.alchemy.state.postgres;

import com.fasterxml.jackson.databind.node.TextNode;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateStore;
import java.time.Duration;

/**
 * A separate process for {@link PostgresStateStoreTest}: {@code rounds} times, takes the stage
 * lock (waiting), reads the counter record, writes it incremented, and releases. If two holders
 * ever overlapped, an increment would be lost.
 */
public final class CounterRacer {

  private CounterRacer() {}

  /** Arguments: JDBC URL, user, app, rounds. */
  public static void main(String[] args) {
    StateStore store = new PostgresStateStore(new PostgresStateConfig(args[0], args[1], null,
        null));
    int rounds = Integer.parseInt(args[3]);
    for (int i = 0; i < rounds; i++) {
      increment(store, args[2]);
    }
  }

  /** One locked read-increment-write of the counter of {@code app/dev}. */
  public static void increment(StateStore store, String app) {
    try (StageState state = store.open(app, "dev", AccessMode.WRITE, Duration.ofSeconds(60))) {
      ResourceRecord counter = state.resources().get("counter");
      long next = counter == null ? 1 : counter.seq() + 1;
      state.put(new ResourceRecord(ResourceRecord.FORMAT_VERSION, "", "counter", app
          + "/dev/counter", "t::Counter", next, ResourceStatus.CREATED, TextNode.valueOf("n"), null,
          null, null));
    }
  }

  /** The counter now. */
  public static long read(StateStore store, String app) {
    try (StageState state = store.open(app, "dev", AccessMode.READ)) {
      ResourceRecord counter = state.resources().get("counter");
      return counter == null ? 0 : counter.seq();
    }
  }
}
