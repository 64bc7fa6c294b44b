package io.alchemy.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alchemy.core.Alchemy;
import io.alchemy.core.CountingProvider;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.RunListener;
import io.alchemy.core.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link StateStore} promises, run against each backend by a subclass: the filesystem
 * store in alchemy-core, the PostgreSQL and S3 stores in their modules (this class reaches them in
 * alchemy-core's test-jar).
 *
 * <p>Every test uses its own app, so a subclass may share one server, database, table or bucket
 * between all its tests. Contention is tested in sequence only (a holder is present, then the
 * next open sees it): a race with exactly one winner is each backend's own test, since S3Mock
 * does not serialise simultaneous conditional writes.
 *
 * <p>A subclass gives a store, a view of what is stored for a stage, and the backend's ways to
 * corrupt a record, to store a record as another format version wrote it, and to leave a lock
 * behind as a crashed run would.
 */
@Timeout(60)
public abstract class StateStoreContract {

  private static final AtomicInteger APPS = new AtomicInteger();

  /** This test's app: no other test of any subclass uses it. */
  protected final String app = "contract" + APPS.incrementAndGet();

  /** The project folder of the runs a test makes with {@link Alchemy}. */
  @TempDir protected Path baseDir;

  /** States opened by tests and hooks, closed after each test whatever happened. */
  private final List<StageState> opened = new ArrayList<>();

  // --- what a backend provides ------------------------------------------------------------------

  /**
   * A store as a run would create it from its configuration. Called several times per test: two
   * stores from this method stand for two runs (on one machine or two) against the same state.
   * Stores that need closing are the subclass's to close.
   */
  protected abstract StateStore newStore() throws Exception;

  /**
   * Everything the backend holds for one stage, read behind the store's back: each stored file,
   * row or object, by a name of the subclass's choice, with its content. A released filesystem
   * lock file (empty) holds nothing and is left out; a record or lock is never left out.
   */
  protected abstract Map<String, String> stored(String app, String stage) throws Exception;

  /**
   * Everything the backend holds for any stage of one app, read behind the store's back, as
   * {@link #stored} shows it for one stage, and also the app's own folder where the backend has
   * one: proof that a run created nothing at all for the app.
   */
  protected abstract Map<String, String> storedForApp(String app) throws Exception;

  /**
   * Damages the stage's state behind the store's back so that it can no longer be read: the
   * stage holds the resource record {@code good}; the damage is a record (or file) that is not
   * valid JSON.
   *
   * @return how the {@link CorruptStateException}'s message must begin and end: it names where
   *     the damage is and says what to do
   */
  protected abstract Corruption corrupt(String app, String stage) throws Exception;

  /** What a corrupt-state message must begin and end with. */
  public record Corruption(String messageStart, String messageEnd) {}

  /**
   * Stores one resource record behind the store's back, as an Alchemy that writes the record's
   * own format version would: {@code body} is the record's JSON as stored, its {@code
   * formatVersion} that of whatever holds it (a snapshot file, a row, an object). The stage holds
   * nothing else.
   *
   * @return how a message about that record (or the file holding it) begins: where it is
   */
  protected abstract String storeRawRecord(String app, String stage, String address, String body)
      throws Exception;

  /**
   * Leaves the stage locked as a run that crashed (or hangs without renewing its lease) leaves
   * it: a lock that a new run may take over, at once or once the lease ran out.
   *
   * @return the crashed run's lock, and its state when the crashed run is still an object in this
   *     JVM (whose writes must then fail)
   */
  protected abstract StaleLock leaveStaleLock(String app, String stage) throws Exception;

  /**
   * A crashed holder's lock.
   *
   * @param holder its lock id, owner, host and time
   * @param crashedRun the crashed run's open state, or {@code null} when there is none in this JVM
   */
  public record StaleLock(LockInfo holder, StageState crashedRun) {}

  /** Whether {@link StateStore#lockHolder} names nobody for a stale lock, before it is taken. */
  protected abstract boolean staleLockNamesNoHolder();

  /**
   * Whether {@link StateStore#forceUnlock} can release a held lock. The filesystem store cannot:
   * its operating-system lock goes only with its process (its own test covers that).
   */
  protected abstract boolean canForceUnlock();

  /**
   * How long a run whose lock was released by force (or taken over) may go on writing before it
   * notices: {@link Duration#ZERO} when its very next write fails; a lease-based store notices at
   * its next renewal.
   */
  protected Duration lockLossNoticedWithin() {
    return Duration.ZERO;
  }

  /**
   * How the failure of a write by a run that lost its lock begins: at least {@code The lock of
   * stage <app>/<stage>}; a backend may say more exactly.
   *
   * @param lost the lock the run held
   * @param what the failed write, e.g. {@code write the resource record late}
   */
  protected String lockLostMessageStart(String app, String stage, LockInfo lost, String what) {
    return "The lock of stage " + app + "/" + stage;
  }

  /** Makes sure a hook's state is closed after the test. */
  protected final StageState track(StageState state) {
    synchronized (opened) {
      opened.add(state);
    }
    return state;
  }

  /**
   * Runs after each test, once every state the test opened is closed: the place to close stores
   * that need it (a subclass's own {@code @AfterEach} would run before the states are closed).
   */
  protected void afterEachTest() throws Exception {}

  @AfterEach
  void closeWhatTheTestLeftOpen() throws Exception {
    synchronized (opened) {
      for (StageState state : opened) {
        try {
          state.close();
        } catch (RuntimeException ignored) {
          // a state whose lock was lost or whose server went away: nothing more to release
        }
      }
      opened.clear();
    }
    afterEachTest();
  }

  // --- helpers ----------------------------------------------------------------------------------

  private StageState open(StateStore store, String stage, AccessMode mode) {
    return track(store.open(app, stage, mode));
  }

  private StageState open(StateStore store, String stage, AccessMode mode, Duration timeout) {
    return track(store.open(app, stage, mode, timeout));
  }

  /** A settled record with an output, in the stage scope. */
  protected static ResourceRecord record(String id, long seq) {
    return record("", id, seq);
  }

  /** A settled record with an output. */
  protected static ResourceRecord record(String scope, String id, long seq) {
    return new ResourceRecord(ResourceRecord.FORMAT_VERSION, scope, id,
        "app/dev/" + ResourceRecord.address(scope, id), "test::Thing", seq,
        ResourceStatus.CREATED, TextNode.valueOf("p" + id), TextNode.valueOf("o" + id), null,
        null);
  }

  private static ScopeRecord scope(String path, String key, JsonNode value) {
    return new ScopeRecord(ResourceRecord.FORMAT_VERSION, path, Map.of(key, value));
  }

  // --- records ----------------------------------------------------------------------------------

  @Test
  void recordsRoundTripExactly() throws Exception {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode props = json.objectNode();
    props.put("name", "caf\u00e9 \u2603 \"quoted\" \\ back\nslash");
    props.put("size", 42);
    props.put("ratio", 0.25);
    props.put("enabled", true);
    props.putNull("nothing");
    props.putArray("list").add(1).add("two").add(json.objectNode().put("three", 3));
    ObjectNode output = json.objectNode().put("etag", "abc123");
    ResourceRecord full = new ResourceRecord(ResourceRecord.FORMAT_VERSION, "", "full",
        "app/dev/full", "test::Thing", 7, ResourceStatus.UPDATING, props, output,
        json.objectNode().put("name", "next"),
        List.of(new ResourceRecord.Instance(json.objectNode().put("name", "old"),
            json.objectNode().put("etag", "old-etag"))));
    ResourceRecord creating = record("creating", 8).with(ResourceStatus.CREATING,
        TextNode.valueOf("pcreating"), null, null);

    StateStore store = newStore();
    try (StageState state = open(store, "dev", AccessMode.WRITE)) {
      assertThat(state.resources()).isEmpty();
      assertThat(state.scopes()).isEmpty();
      state.put(record("a", 1));
      state.put(full);
      state.put(creating);
      state.put(record("b", 2));
      state.put(record("b", 3)); // a second put replaces the first
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("a", "full", "creating", "b");
      assertThat(state.resources().get("full")).isEqualTo(full);
      assertThat(state.resources().get("creating")).isEqualTo(creating);
      assertThat(state.resources().get("a")).isEqualTo(record("a", 1));
      assertThat(state.resources().get("b")).isEqualTo(record("b", 3));
    }
    // The records a run found at open do not change while it writes; the next run sees the writes.
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      state.put(record("c", 4));
      assertThat(state.resources()).containsOnlyKeys("a", "full", "creating", "b");
    }
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      assertThat(state.resources()).containsOnlyKeys("a", "full", "creating", "b", "c");
    }
  }

  @Test
  void predecessorsRoundTripNotRecordedEmptyOrSeveral() throws Exception {
    ResourceRecord notRecorded = record("old", 1);
    ResourceRecord first = record("first", 2).withPredecessors(List.of());
    ResourceRecord joined = record("docs/api", "joined", 3)
        .withPredecessors(List.of("a/b/c/d/deep.v1_x-y", "docs-api/guide", "first"));
    ResourceRecord next = record("next", 4).withPredecessors(List.of("docs/api/joined"));
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      List.of(notRecorded, first, joined, next).forEach(state::put);
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.resources().get("old").predecessors()).isNull();
      assertThat(state.resources().get("first").predecessors()).isEmpty();
      assertThat(state.resources().get("docs/api/joined").predecessors())
          .containsExactly("a/b/c/d/deep.v1_x-y", "docs-api/guide", "first");
      assertThat(state.resources().get("next")).isEqualTo(next);
      assertThat(state.resources().values()).containsExactlyInAnyOrder(notRecorded, first,
          joined, next);
    }
    // A run that writes other records leaves them as they were.
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      state.put(record("later", 5).withPredecessors(List.of("next")));
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.resources().get("old")).isEqualTo(notRecorded);
      assertThat(state.resources().get("first")).isEqualTo(first);
      assertThat(state.resources().get("docs/api/joined")).isEqualTo(joined);
    }
  }

  @Test
  void aRecordOfFormatVersionOneReadsWithoutPredecessors() throws Exception {
    storeRawRecord(app, "dev", "old", "{\"formatVersion\": 1, \"scope\": \"\", \"id\": \"old\","
        + " \"fqn\": \"app/dev/old\", \"type\": \"test::Thing\", \"seq\": 1, \"status\":"
        + " \"CREATED\", \"props\": \"pold\", \"output\": \"oold\"}");
    ResourceRecord asWritten = new ResourceRecord(1, "", "old", "app/dev/old", "test::Thing", 1,
        ResourceStatus.CREATED, TextNode.valueOf("pold"), TextNode.valueOf("oold"), null, null);
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("old");
      assertThat(state.resources().get("old").predecessors()).isNull();
      assertThat(state.resources().get("old")).isEqualTo(asWritten);
    }
    // A run of this version that writes another record leaves it a format 1 record.
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      state.put(record("new", 2).withPredecessors(List.of("old")));
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.resources().get("old")).isEqualTo(asWritten);
      assertThat(state.resources().get("new").predecessors()).containsExactly("old");
    }
  }

  @Test
  void aRecordOfANewerFormatVersionIsRefusedAndNothingChanges() throws Exception {
    String where = storeRawRecord(app, "dev", "future", "{\"formatVersion\": 3, \"scope\": \"\","
        + " \"id\": \"future\", \"fqn\": \"app/dev/future\", \"type\": \"test::Thing\", \"seq\":"
        + " 1, \"status\": \"CREATED\", \"props\": \"p\", \"output\": \"o\", \"predecessors\": [],"
        + " \"somethingNew\": {\"a\": 1}}");
    Map<String, String> before = stored(app, "dev");
    for (AccessMode mode : AccessMode.values()) {
      assertThatThrownBy(() -> open(newStore(), "dev", mode))
          .as("opening for %s", mode)
          .isInstanceOf(StateException.class)
          .isNotInstanceOf(CorruptStateException.class)
          .hasMessageStartingWith(where)
          .hasMessageContaining(" has format version 3, written by a newer Alchemy; this one"
              + " reads up to version " + ResourceRecord.FORMAT_VERSION + ".")
          .hasMessageEndingWith("Upgrade the plugin to use this stage.");
      // Neither rewritten in the old format nor dropped; no lock stays behind.
      assertThat(stored(app, "dev")).as("after opening for %s", mode).isEqualTo(before);
      assertThat(newStore().lockHolder(app, "dev")).isEmpty();
    }
  }

  @Test
  void nestedScopePathsAreKeptApart() throws Exception {
    List<ResourceRecord> records = List.of(
        record("", "readme", 1),
        record("docs", "guide", 2),
        record("docs", "readme", 3),
        record("docs/api", "guide", 4),
        record("storage/images-cache", "bucket", 5),
        record("a/b/c/d", "deep.v1_x-y", 6),
        record("docs-api", "guide", 7));
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      records.forEach(state::put);
      state.putScope(scope("", "k", TextNode.valueOf("root")));
      state.putScope(scope("docs", "k", TextNode.valueOf("docs")));
      state.putScope(scope("docs/api", "k", TextNode.valueOf("docs/api")));
      state.putScope(scope("a/b/c/d", "k", TextNode.valueOf("deep")));
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      Map<String, ResourceRecord> expected = new LinkedHashMap<>();
      records.forEach(r -> expected.put(r.address(), r));
      assertThat(state.resources()).isEqualTo(expected);
      assertThat(state.resources()).containsOnlyKeys("readme", "docs/guide", "docs/readme",
          "docs/api/guide", "storage/images-cache/bucket", "a/b/c/d/deep.v1_x-y",
          "docs-api/guide");
      assertThat(state.resources().get("docs/api/guide").scope()).isEqualTo("docs/api");
      assertThat(state.scopes()).containsOnlyKeys("", "docs", "docs/api", "a/b/c/d");
      state.scopes().forEach((path, record) -> assertThat(record.scope()).isEqualTo(path));
      assertThat(state.scopes().get("docs/api").values())
          .containsExactly(Map.entry("k", TextNode.valueOf("docs/api")));
    }
  }

  @Test
  void removeDeletesOnlyWhatItNames() throws Exception {
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      state.put(record("a", 1));
      state.put(record("docs", "a", 2));
      state.put(record("gone", 3));
      state.putScope(scope("", "k", TextNode.valueOf("v")));
      state.putScope(scope("docs", "k", TextNode.valueOf("v")));
      // Removed in the same run it was written in.
      state.remove("gone");
    }
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      assertThat(state.resources()).containsOnlyKeys("a", "docs/a");
      state.remove("docs/a");
      state.removeScope("docs");
      // Absent: nothing happens.
      state.remove("never-there");
      state.remove("docs/a");
      state.removeScope("nowhere");
    }
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      assertThat(state.resources()).containsOnlyKeys("a");
      assertThat(state.scopes()).containsOnlyKeys("");
      state.remove("a");
      state.removeScope("");
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.resources()).isEmpty();
      assertThat(state.scopes()).isEmpty();
    }
    // An emptied, unlocked stage holds nothing at all.
    assertThat(stored(app, "dev")).isEmpty();
  }

  @Test
  void scopeDataRoundTripsAndIsReplacedWhole() throws Exception {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ArrayNode list = json.arrayNode().add(1).add("two").addNull();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    values.put("text", TextNode.valueOf("hello \u00fc"));
    values.put("number", json.numberNode(12.5));
    values.put("flag", json.booleanNode(false));
    values.put("list", list);
    values.put("object", json.objectNode().put("nested", "yes"));
    values.put("null", NullNode.getInstance());
    values.put("sealed", json.objectNode().put("$secret", "v1:AbC+/=="));
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      state.putScope(new ScopeRecord(ResourceRecord.FORMAT_VERSION, "", values));
      state.putScope(scope("api", "old", TextNode.valueOf("gone next")));
      state.putScope(new ScopeRecord(ResourceRecord.FORMAT_VERSION, "empty", Map.of()));
    }
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      assertThat(state.scopes()).containsOnlyKeys("", "api", "empty");
      assertThat(state.scopes().get("").values()).isEqualTo(values);
      assertThat(state.scopes().get("empty").values()).isEmpty();
      // A put replaces the scope's record whole: the old key goes.
      state.putScope(scope("api", "new", TextNode.valueOf("v2")));
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.scopes().get("api").values())
          .containsExactly(Map.entry("new", TextNode.valueOf("v2")));
      assertThat(state.resources()).isEmpty();
    }
  }

  @Test
  void aCorruptRecordIsNamedAndNothingChanges() throws Exception {
    try (StageState state = open(newStore(), "dev", AccessMode.WRITE)) {
      state.put(record("good", 1));
    }
    Corruption corruption = corrupt(app, "dev");
    Map<String, String> before = stored(app, "dev");
    for (AccessMode mode : AccessMode.values()) {
      assertThatThrownBy(() -> open(newStore(), "dev", mode))
          .as("opening for %s", mode)
          .isInstanceOf(CorruptStateException.class)
          .hasMessageStartingWith(corruption.messageStart())
          .hasMessageEndingWith(corruption.messageEnd())
          .hasMessageContaining("Alchemy changed nothing");
      // Left as it was: the damaged record is not repaired or dropped, no lock stays behind.
      assertThat(stored(app, "dev")).as("after opening for %s", mode).isEqualTo(before);
      assertThat(newStore().lockHolder(app, "dev")).isEmpty();
    }
    // The lock the failed WRITE open took was released: another stage opens fine, and so would
    // this one once repaired.
    open(newStore(), "prod", AccessMode.WRITE).close();
  }

  // --- locking ----------------------------------------------------------------------------------

  @Test
  void aHeldLockFailsTheNextWriterAtOnceNamingTheHolder() throws Exception {
    StateStore first = newStore();
    StateStore second = newStore();
    assertThat(first.lockHolder(app, "dev")).isEmpty();
    LockInfo info;
    try (StageState holder = open(first, "dev", AccessMode.WRITE)) {
      holder.put(record("a", 1));
      info = holder.lock().orElseThrow();
      assertThat(info.owner()).endsWith("(pid " + ProcessHandle.current().pid() + ")");
      assertThat(info.host()).isEqualTo(LockInfo.localHost());
      assertThat(second.lockHolder(app, "dev")).contains(info);
      Map<String, String> before = stored(app, "dev");
      long start = System.nanoTime();
      assertThatThrownBy(() -> open(second, "dev", AccessMode.WRITE))
          .isInstanceOf(StateLockedException.class)
          .hasMessageStartingWith("Stage " + app + "/dev is locked by another run: "
              + info.describe() + " (")
          .hasMessageContaining("This run did not wait for it (lockTimeout is 0). Nothing was"
              + " changed.")
          .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(info));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      // The failed attempt left nothing of its own and changed nothing of the holder's.
      assertThat(stored(app, "dev")).isEqualTo(before);
      assertThat(second.lockHolder(app, "dev")).contains(info);
      // The holder goes on writing.
      holder.put(record("b", 2));
    }
    assertThat(second.lockHolder(app, "dev")).isEmpty();
    try (StageState next = open(second, "dev", AccessMode.WRITE)) {
      assertThat(next.resources()).containsOnlyKeys("a", "b");
      assertThat(next.lock().orElseThrow().lockId()).isNotEqualTo(info.lockId());
    }
  }

  @Test
  void aWaitingRunProceedsWhenTheHolderReleases() throws Exception {
    StateStore second = newStore();
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      StageState holder = open(newStore(), "dev", AccessMode.WRITE);
      holder.put(record("a", 1));
      CountDownLatch asked = new CountDownLatch(1);
      Future<List<String>> waiter = threads.submit(() -> {
        asked.countDown();
        try (StageState next = open(second, "dev", AccessMode.WRITE, Duration.ofSeconds(20))) {
          next.put(record("b", 2));
          return List.copyOf(next.resources().keySet());
        }
      });
      asked.await();
      Thread.sleep(400);
      assertThat(waiter.isDone()).as("the waiting run is still waiting").isFalse();
      holder.close();
      // It saw the holder's write: it ran after it, not beside it.
      assertThat(waiter.get(15, TimeUnit.SECONDS)).containsExactly("a");
    } finally {
      threads.shutdownNow();
    }
    try (StageState state = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("a", "b");
    }
    assertThat(second.lockHolder(app, "dev")).isEmpty();
  }

  @Test
  void aWaitingRunGivesUpAfterItsTimeoutAndLeavesNothing() throws Exception {
    StateStore second = newStore();
    assertThatThrownBy(() -> second.open(app, "dev", AccessMode.WRITE, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("lockTimeout PT-1S is negative.");
    try (StageState holder = open(newStore(), "dev", AccessMode.WRITE)) {
      holder.put(record("a", 1));
      LockInfo info = holder.lock().orElseThrow();
      Map<String, String> before = stored(app, "dev");
      long start = System.nanoTime();
      assertThatThrownBy(() -> open(second, "dev", AccessMode.WRITE, Duration.ofMillis(500)))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining(info.describe())
          .hasMessageContaining("This run waited 500 ms for it.")
          .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(info));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
      assertThat(stored(app, "dev")).isEqualTo(before);
      assertThat(second.lockHolder(app, "dev")).contains(info);
    }
    // After the holder released, nothing of either run's lock is left.
    try (StageState reader = open(second, "dev", AccessMode.READ)) {
      assertThat(reader.resources()).containsOnlyKeys("a");
    }
    try (StageState state = open(second, "dev", AccessMode.WRITE)) {
      state.remove("a");
    }
    assertThat(stored(app, "dev")).isEmpty();
  }

  @Test
  void aReaderNeedsNoLockAndChangesNothing() throws Exception {
    // A stage nobody wrote: a reader finds nothing and leaves nothing.
    try (StageState reader = open(newStore(), "dev", AccessMode.READ)) {
      assertThat(reader.resources()).isEmpty();
      assertThat(reader.scopes()).isEmpty();
      assertThat(reader.lock()).isEmpty();
    }
    assertThat(stored(app, "dev")).isEmpty();
    try (StageState holder = open(newStore(), "dev", AccessMode.WRITE)) {
      holder.put(record("a", 1));
      holder.putScope(scope("", "k", TextNode.valueOf("v")));
      Map<String, String> before = stored(app, "dev");
      try (StageState reader = open(newStore(), "dev", AccessMode.READ)) {
        // What the holder wrote so far is visible; the reader took no lock.
        assertThat(reader.resources()).containsOnlyKeys("a");
        assertThat(reader.scopes()).containsOnlyKeys("");
        assertThat(reader.lock()).isEmpty();
        assertThatThrownBy(() -> reader.put(record("b", 2)))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reader.remove("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reader.putScope(scope("x", "k", TextNode.valueOf("v"))))
            .isInstanceOf(IllegalStateException.class);
      }
      assertThat(stored(app, "dev")).isEqualTo(before);
      assertThat(newStore().lockHolder(app, "dev")).isEqualTo(holder.lock());
    }
  }

  @Test
  void stagesAndAppsNeverBlockEachOther() throws Exception {
    String otherApp = app + "x";
    StateStore store = newStore();
    try (StageState dev = open(store, "dev", AccessMode.WRITE);
        StageState prod = open(newStore(), "prod", AccessMode.WRITE);
        StageState other = track(newStore().open(otherApp, "dev", AccessMode.WRITE))) {
      dev.put(record("d", 1));
      prod.put(record("p", 1));
      other.put(record("o", 1));
      assertThat(store.lockHolder(app, "prod")).isEqualTo(prod.lock());
      assertThat(store.lockHolder(otherApp, "dev")).isEqualTo(other.lock());
      assertThat(dev.lock()).isNotEqualTo(prod.lock());
    }
    try (StageState dev = open(newStore(), "dev", AccessMode.READ);
        StageState prod = open(newStore(), "prod", AccessMode.READ);
        StageState other = track(newStore().open(otherApp, "dev", AccessMode.READ))) {
      assertThat(dev.resources()).containsOnlyKeys("d");
      assertThat(prod.resources()).containsOnlyKeys("p");
      assertThat(other.resources()).containsOnlyKeys("o");
    }
  }

  @Test
  void aClosedStateWritesNothingAndClosesOnce() throws Exception {
    StageState state = open(newStore(), "dev", AccessMode.WRITE);
    state.put(record("a", 1));
    state.close();
    state.close();
    assertThatThrownBy(() -> state.put(record("b", 2))).isInstanceOf(IllegalStateException.class);
    assertThat(newStore().lockHolder(app, "dev")).isEmpty();
    try (StageState next = open(newStore(), "dev", AccessMode.WRITE)) {
      assertThat(next.resources()).containsOnlyKeys("a");
    }
  }

  @Test
  void aStaleLockIsTakenOverAndItsRunWritesNothingMore() throws Exception {
    StaleLock stale = leaveStaleLock(app, "dev");
    if (stale.crashedRun() != null) {
      track(stale.crashedRun());
    }
    StateStore store = newStore();
    if (staleLockNamesNoHolder()) {
      assertThat(store.lockHolder(app, "dev")).isEmpty();
    } else {
      assertThat(store.lockHolder(app, "dev")).contains(stale.holder());
    }
    try (StageState next = open(store, "dev", AccessMode.WRITE, Duration.ofSeconds(15))) {
      LockInfo taken = next.lock().orElseThrow();
      assertThat(taken.lockId()).isNotEqualTo(stale.holder().lockId());
      assertThat(store.lockHolder(app, "dev")).contains(taken);
      next.put(record("after", 2));
      if (stale.crashedRun() != null) {
        expectLockLost(stale.crashedRun(), "late");
        // Its release does not touch the lock that took over.
        stale.crashedRun().close();
        assertThat(store.lockHolder(app, "dev")).contains(taken);
      }
    }
    assertThat(store.lockHolder(app, "dev")).isEmpty();
    try (StageState state = open(store, "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsKey("after");
      if (lockLossNoticedWithin().isZero()) {
        assertThat(state.resources()).doesNotContainKey("late");
      }
    }
  }

  @Test
  void aForcedUnlockNeedsTheLockIdAndTheOldHolderNeitherWritesNorReleases() throws Exception {
    Assumptions.assumeTrue(canForceUnlock(), "this store's locks cannot be released by force");
    StateStore store = newStore();
    assertThatThrownBy(() -> store.forceUnlock(app, "dev", "no-such-lock"))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith("Stage " + app + "/dev is not locked (")
        .hasMessageEndingWith("so there is nothing to unlock. Run again.");

    StageState old = open(newStore(), "dev", AccessMode.WRITE);
    old.put(record("before", 1));
    LockInfo info = old.lock().orElseThrow();
    assertThatThrownBy(() -> store.forceUnlock(app, "dev", "not-the-id"))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith("Lock id not-the-id is not the lock on stage " + app
            + "/dev, which is " + info.describe() + " (")
        .hasMessageEndingWith("Nothing was unlocked. Check the lock id; the lock may have changed"
            + " hands since.");
    assertThat(store.lockHolder(app, "dev")).contains(info);

    store.forceUnlock(app, "dev", info.lockId());
    assertThat(store.lockHolder(app, "dev")).isEmpty();
    try (StageState next = open(store, "dev", AccessMode.WRITE)) {
      LockInfo taken = next.lock().orElseThrow();
      assertThat(next.resources()).containsOnlyKeys("before");
      // The run that lost its lock fails rather than overwrite the new holder's state...
      expectLockLost(old, "late");
      // ...and its release, conditional on its own lock, leaves the new holder's alone.
      old.close();
      assertThat(store.lockHolder(app, "dev")).contains(taken);
      next.put(record("next", 2));
    }
    assertThat(store.lockHolder(app, "dev")).isEmpty();
    try (StageState state = open(store, "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsKeys("before", "next");
      if (lockLossNoticedWithin().isZero()) {
        assertThat(state.resources()).doesNotContainKey("late");
      }
    }
    assertThatThrownBy(() -> store.forceUnlock(app, "dev", info.lockId()))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith("Stage " + app + "/dev is not locked (");
  }

  // --- locked reads (a plan) --------------------------------------------------------------------

  /** A deployed stage: two resource records and two scope records. */
  private void deploy(String stage) throws Exception {
    try (StageState state = open(newStore(), stage, AccessMode.WRITE)) {
      state.put(record("a", 1));
      state.put(record("docs", "b", 2));
      state.putScope(scope("", "k", TextNode.valueOf("v")));
      state.putScope(scope("docs", "k", TextNode.valueOf("w")));
    }
  }

  /** Every kind of write, each removal of a record the state holds (removing none is no write). */
  private static void expectWritesRefused(StageState state) {
    assertThatThrownBy(() -> state.put(record("new", 9)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> state.putScope(scope("x", "k", TextNode.valueOf("v"))))
        .isInstanceOf(IllegalStateException.class);
    for (String address : state.resources().keySet()) {
      assertThatThrownBy(() -> state.remove(address)).isInstanceOf(IllegalStateException.class);
    }
    for (String path : state.scopes().keySet()) {
      assertThatThrownBy(() -> state.removeScope(path))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aLockedReaderHoldsTheLockWritesNothingAndLeavesNoLock() throws Exception {
    deploy("dev");
    Map<String, String> before = stored(app, "dev");
    StateStore other = newStore();
    try (StageState reader = open(newStore(), "dev", AccessMode.LOCKED_READ)) {
      assertThat(reader.resources()).containsOnlyKeys("a", "docs/b");
      assertThat(reader.resources().get("docs/b")).isEqualTo(record("docs", "b", 2));
      assertThat(reader.scopes()).containsOnlyKeys("", "docs");
      LockInfo info = reader.lock().orElseThrow();
      assertThat(other.lockHolder(app, "dev")).contains(info);
      // A writer is refused as by any holder, naming it; so is a second locked reader.
      for (AccessMode mode : List.of(AccessMode.WRITE, AccessMode.LOCKED_READ)) {
        assertThatThrownBy(() -> open(other, "dev", mode))
            .as("opening for %s", mode)
            .isInstanceOf(StateLockedException.class)
            .hasMessageStartingWith("Stage " + app + "/dev is locked by another run: "
                + info.describe() + " (")
            .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(info));
      }
      // An unlocked reader is not held up.
      try (StageState plain = open(other, "dev", AccessMode.READ)) {
        assertThat(plain.resources()).containsOnlyKeys("a", "docs/b");
      }
      expectWritesRefused(reader);
      assertThat(reader.resources()).containsOnlyKeys("a", "docs/b");
    }
    // Byte for byte what was there, and no lock: nothing was repaired, compacted or rewritten.
    assertThat(stored(app, "dev")).isEqualTo(before);
    assertThat(other.lockHolder(app, "dev")).isEmpty();
  }

  @Test
  void aWriterWaitsForALockedReaderAndALockedReaderForAWriter() throws Exception {
    deploy("dev");
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      StageState reader = open(newStore(), "dev", AccessMode.LOCKED_READ);
      StateStore second = newStore();
      CountDownLatch asked = new CountDownLatch(1);
      Future<List<String>> writer = threads.submit(() -> {
        asked.countDown();
        try (StageState next = open(second, "dev", AccessMode.WRITE, Duration.ofSeconds(20))) {
          next.put(record("c", 3));
          return List.copyOf(next.resources().keySet());
        }
      });
      asked.await();
      Thread.sleep(400);
      assertThat(writer.isDone()).as("the writer is still waiting").isFalse();
      reader.close();
      assertThat(writer.get(15, TimeUnit.SECONDS)).containsExactlyInAnyOrder("a", "docs/b");

      // The other way round: a locked reader waits for the writer and then sees its writes.
      StageState holder = open(newStore(), "dev", AccessMode.WRITE);
      CountDownLatch waiting = new CountDownLatch(1);
      Future<List<String>> planner = threads.submit(() -> {
        waiting.countDown();
        try (StageState next = open(second, "dev", AccessMode.LOCKED_READ,
            Duration.ofSeconds(20))) {
          return List.copyOf(next.resources().keySet());
        }
      });
      waiting.await();
      Thread.sleep(400);
      assertThat(planner.isDone()).as("the locked reader is still waiting").isFalse();
      holder.put(record("d", 4));
      holder.close();
      assertThat(planner.get(15, TimeUnit.SECONDS))
          .containsExactlyInAnyOrder("a", "docs/b", "c", "d");
    } finally {
      threads.shutdownNow();
    }
    assertThat(newStore().lockHolder(app, "dev")).isEmpty();
  }

  @Test
  void aLockedReaderGivesUpAfterItsTimeoutAndChangesNothing() throws Exception {
    deploy("dev");
    try (StageState holder = open(newStore(), "dev", AccessMode.WRITE)) {
      LockInfo info = holder.lock().orElseThrow();
      Map<String, String> before = stored(app, "dev");
      assertThatThrownBy(() -> open(newStore(), "dev", AccessMode.LOCKED_READ,
          Duration.ofMillis(500)))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining(info.describe())
          .hasMessageContaining("This run waited 500 ms for it.");
      assertThat(stored(app, "dev")).isEqualTo(before);
      assertThat(newStore().lockHolder(app, "dev")).contains(info);
    }
  }

  @Test
  void aLockedReaderOfAStageNeverDeployedCreatesNothingAtAll() throws Exception {
    deploy("other"); // another stage of the app: what the backend holds for the app already
    Map<String, String> before = storedForApp(app);
    try (StageState reader = open(newStore(), "dev", AccessMode.LOCKED_READ)) {
      assertThat(reader.resources()).isEmpty();
      assertThat(reader.scopes()).isEmpty();
      expectWritesRefused(reader);
    }
    assertThat(stored(app, "dev")).isEmpty();
    assertThat(storedForApp(app)).isEqualTo(before);
    assertThat(newStore().lockHolder(app, "dev")).isEmpty();

    // An app never seen before: not even its folder appears.
    String newApp = app + "new";
    try (StageState reader = track(newStore().open(newApp, "dev", AccessMode.LOCKED_READ))) {
      assertThat(reader.resources()).isEmpty();
      expectWritesRefused(reader);
    }
    assertThat(storedForApp(newApp)).isEmpty();
    assertThat(newStore().lockHolder(newApp, "dev")).isEmpty();
  }

  @Test
  void aPlanChangesNothingStoredOnADeployedStageNorOnOneNeverDeployed() throws Exception {
    CountingProvider things = new CountingProvider();
    InfrastructureDefinition v1 = stage -> {
      stage.resource("kept", things, new CountingProvider.Props("kept", "1"));
      stage.resource("changed", things, new CountingProvider.Props("changed", "1"));
      stage.resource("orphan", things, new CountingProvider.Props("orphan", "1"));
      stage.set("greeting", "hello");
      stage.run("child", child -> child.resource("inner", things,
          new CountingProvider.Props("inner", "1")));
    };
    InfrastructureDefinition v2 = stage -> {
      stage.resource("kept", things, new CountingProvider.Props("kept", "1"));
      stage.resource("changed", things, new CountingProvider.Props("changed", "2"));
      stage.resource("renamed", things, new CountingProvider.Props("renamed", "1"));
      stage.set("greeting", "hello again");
      stage.run("child", child -> child.resource("inner", things,
          new CountingProvider.Props("inner-2", "1")));
    };
    alchemy("dev").build().run(v1);
    things.calls.clear();
    Map<String, String> before = stored(app, "dev");
    String hash = sha256(before);

    Plan plan = alchemy("dev").build().plan(v2);
    assertThat(plan.summary()).isEqualTo("Plan for " + app + "/dev: 1 to create, 1 to update,"
        + " 1 to replace, 1 to delete, 1 unchanged");
    assertThat(things.calls).isEmpty();
    assertThat(sha256(stored(app, "dev"))).isEqualTo(hash);
    assertThat(stored(app, "dev")).isEqualTo(before);
    assertThat(newStore().lockHolder(app, "dev")).isEmpty();

    // A stage never deployed: everything to create, and nothing of the stage appears.
    Map<String, String> forApp = storedForApp(app);
    Plan fresh = alchemy("prod").build().plan(v2);
    assertThat(fresh.summary()).isEqualTo("Plan for " + app + "/prod: 4 to create,"
        + " 0 to update, 0 to replace, 0 to delete, 0 unchanged");
    assertThat(things.calls).isEmpty();
    assertThat(stored(app, "prod")).isEmpty();
    assertThat(storedForApp(app)).isEqualTo(forApp);
    assertThat(newStore().lockHolder(app, "prod")).isEmpty();
  }

  private Alchemy.Builder alchemy(String stage) throws Exception {
    return Alchemy.builder().app(app).stage(stage).stateStore(newStore()).baseDir(baseDir)
        .listener(RunListener.NONE);
  }

  private static String sha256(Map<String, String> stored) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (Map.Entry<String, String> entry : new TreeMap<>(stored).entrySet()) {
      digest.update((entry.getKey() + "\n" + entry.getValue() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Writes through a state whose lock is gone until a write fails, within {@link
   * #lockLossNoticedWithin()}, and checks the failure says so.
   */
  private void expectLockLost(StageState lost, String id) throws InterruptedException {
    long deadline = System.nanoTime() + lockLossNoticedWithin().toNanos();
    int attempt = 0;
    while (true) {
      try {
        lost.put(record(id, 100 + attempt++));
      } catch (StateException e) {
        assertThat(e).hasMessageStartingWith(lockLostMessageStart(app, "dev",
                lost.lock().orElseThrow(), "write the resource record " + id))
            .hasMessageContaining("was lost")
            .hasMessageContaining("writes nothing more");
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("a run whose lock was taken over wrote " + attempt + " time(s) and never failed"
            + " within " + lockLossNoticedWithin());
      }
      Thread.sleep(50);
    }
  }
}
