package io.alchemy.state.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.S3MockApplication;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.CorruptStateException;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ResourceStatus;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateException;
import io.alchemy.core.state.StateJson;
import io.alchemy.core.state.StateLockedException;
import io.alchemy.core.state.StateMigration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Against S3Mock, a real S3 API server started once for the class. S3Mock's conditional create
 * is not atomic under simultaneous writers, so contention is tested in sequence (a holder is
 * present, the next acquire sees it), never as a race with exactly one winner.
 */
@Timeout(60)
class S3StateStoreTest {

  private static final String BUCKET = "bucket-one";
  private static final AtomicInteger APPS = new AtomicInteger();

  private static S3MockApplication s3mock;
  private static S3Client raw;

  @TempDir Path dir;

  /** Each test has its own app, so tests share one server and bucket without meeting. */
  private final String app = "app" + APPS.incrementAndGet();

  @BeforeAll
  static void startS3Mock() {
    // start() adds to the map it is given
    s3mock = S3MockApplication.start(new HashMap<>(Map.of(
        S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET,
        S3MockApplication.PROP_SILENT, true)));
    raw = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test", "test")))
        .build();
  }

  @AfterAll
  static void stopS3Mock() {
    if (raw != null) {
      raw.close();
    }
    if (s3mock != null) {
      s3mock.stop();
    }
  }

  private static URI endpoint() {
    return URI.create("http://localhost:" + s3mock.getHttpPort());
  }

  private static S3StateConfig.Builder config() {
    return S3StateConfig.builder(BUCKET).endpointOverride(endpoint()).pathStyle(true)
        .credentials("test", Secret.of("test-secret-key"));
  }

  private static S3StateStore store() {
    return new S3StateStore(config().build());
  }

  private String stageFolder() {
    return "alchemy/" + app + "/dev/";
  }

  private List<String> objectsOfStage() {
    return raw.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(stageFolder())).contents()
        .stream().map(S3Object::key).sorted().toList();
  }

  private String object(String key) {
    return raw.getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asUtf8String();
  }

  private void putObject(String key, String body) {
    raw.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromString(body));
  }

  private static ResourceRecord record(String id, long seq) {
    return new ResourceRecord(ResourceRecord.FORMAT_VERSION, "", id, "app/dev/" + id, "t::T", seq,
        ResourceStatus.CREATED, TextNode.valueOf("p" + id), TextNode.valueOf("o" + id), null, null);
  }

  private InfrastructureDefinition files(String content) {
    return stage -> {
      TextFile.declare(stage, "readme", TextFile.props(dir.resolve("README.txt"), content));
      stage.set("greeting", "hello " + content);
      stage.run("docs", docs -> {
        TextFile.declare(docs, "guide", TextFile.props(dir.resolve("docs/guide.txt"), content));
      });
    };
  }

  private Alchemy.Builder alchemy(S3StateStore store) {
    return Alchemy.builder().app(app).stage("dev").baseDir(dir).stateStore(store);
  }

  @Test
  void aFullRunKeepsItsStateInS3() throws Exception {
    try (S3StateStore store = store()) {
      assertThat(alchemy(store).build().run(files("v1")).created()).isEqualTo(2);
      assertThat(objectsOfStage()).containsExactly(
          stageFolder() + "resources/docs%2Fguide.json",
          stageFolder() + "resources/readme.json",
          stageFolder() + "scopes/.json");
      try (StageState state = store.open(app, "dev", AccessMode.READ)) {
        assertThat(state.resources()).containsOnlyKeys("readme", "docs/guide");
        assertThat(state.scopes().get("").values())
            .containsEntry("greeting", TextNode.valueOf("hello v1"));
        assertThat(state.location()).isEqualTo("s3://bucket-one/" + stageFolder());
        // Each object is exactly the JSON Alchemy writes for its record.
        assertThat(object(stageFolder() + "resources/readme.json"))
            .isEqualTo(StateJson.mapper().writeValueAsString(state.resources().get("readme")));
      }
      assertThat(alchemy(store).build().run(files("v1")).unchanged()).isEqualTo(2);
      assertThat(alchemy(store).build().run(files("v2")).updated()).isEqualTo(2);
      assertThat(dir.resolve("docs/guide.txt")).hasContent("v2");
      RunResult destroyed = alchemy(store).phase(Phase.DESTROY).build().run(files("v2"));
      assertThat(destroyed.deleted()).isEqualTo(2);
      assertThat(objectsOfStage()).isEmpty();
    }
  }

  @Test
  void aSecondWriterFailsAtOnceNamingTheHolder() throws Exception {
    try (S3StateStore store = store(); StageState holder = store.open(app, "dev",
        AccessMode.WRITE)) {
      LockInfo info = holder.lock().orElseThrow();
      String lockBefore = object(stageFolder() + "lock.json");
      assertThatThrownBy(() -> store.open(app, "dev", AccessMode.WRITE))
          .isInstanceOf(StateLockedException.class)
          .hasMessageStartingWith("Stage " + app + "/dev is locked by another run: "
              + info.describe() + " (lock object s3://bucket-one/" + stageFolder() + "lock.json)."
              + " This run did not wait for it (lockTimeout is 0). Nothing was changed. Wait for"
              + " that run to finish and run again, or set a lockTimeout"
              + " (-Dalchemy.lockTimeout=PT10M) so that runs of one stage queue and proceed in"
              + " turn. If that run crashed, its lease (60 s) runs out at the latest ")
          .hasMessageEndingWith(" s from now and the next run takes the lock over. If that run"
              + " crashed, release its lock with: mvn alchemy:unlock -Dalchemy.stage=dev"
              + " -Dalchemy.lockId=" + info.lockId())
          .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(info));
      assertThat(store.lockHolder(app, "dev")).contains(info);
      // The failed attempt left nothing: the lock object is the holder's, unchanged.
      assertThat(object(stageFolder() + "lock.json")).isEqualTo(lockBefore);
      assertThat(objectsOfStage()).containsExactly(stageFolder() + "lock.json");
    }
    assertThat(objectsOfStage()).isEmpty();
  }

  @Test
  void aWaitingRunProceedsWhenTheHolderCloses() throws Exception {
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try (S3StateStore store = store()) {
      StageState holder = store.open(app, "dev", AccessMode.WRITE);
      holder.put(record("a", 1));
      CountDownLatch asked = new CountDownLatch(1);
      Future<List<String>> waiter = threads.submit(() -> {
        asked.countDown();
        try (StageState next = store.open(app, "dev", AccessMode.WRITE, Duration.ofSeconds(20))) {
          next.put(record("b", 2));
          return List.copyOf(next.resources().keySet());
        }
      });
      asked.await();
      Thread.sleep(500);
      assertThat(waiter.isDone()).isFalse();
      long released = System.nanoTime();
      holder.close();
      assertThat(waiter.get(10, TimeUnit.SECONDS)).containsExactly("a");
      System.out.printf("s3: a waiting run proceeded %d ms after the holder released%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released));
      try (StageState state = store.open(app, "dev", AccessMode.READ)) {
        assertThat(state.resources()).containsOnlyKeys("a", "b");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aWaitingRunGivesUpAfterItsTimeout() throws Exception {
    try (S3StateStore store = store(); StageState holder = store.open(app, "dev",
        AccessMode.WRITE)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> store.open(app, "dev", AccessMode.WRITE, Duration.ofMillis(600)))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining("This run waited 600 ms for it.")
          .hasMessageContaining(holder.lock().orElseThrow().lockId());
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(550), Duration.ofSeconds(5));
      assertThat(store.lockHolder(app, "dev")).isEqualTo(holder.lock());
    }
  }

  @Test
  void stagesSharingTheBucketNeverBlockEachOther() throws Exception {
    try (S3StateStore store = store()) {
      try (StageState dev = store.open(app, "dev", AccessMode.WRITE);
          StageState prod = store.open(app, "prod", AccessMode.WRITE);
          StageState otherApp = store.open(app + "x", "dev", AccessMode.WRITE)) {
        dev.put(record("d", 1));
        prod.put(record("p", 1));
        otherApp.put(record("o", 1));
      }
      try (StageState dev = store.open(app, "dev", AccessMode.READ);
          StageState prod = store.open(app, "prod", AccessMode.READ)) {
        assertThat(dev.resources()).containsOnlyKeys("d");
        assertThat(prod.resources()).containsOnlyKeys("p");
      }
    }
  }

  @Test
  void aReaderNeedsNoLockAndWritesNothing() throws Exception {
    try (S3StateStore store = store(); StageState holder = store.open(app, "dev",
        AccessMode.WRITE)) {
      holder.put(record("a", 1));
      List<String> before = objectsOfStage();
      try (StageState reader = store.open(app, "dev", AccessMode.READ)) {
        assertThat(reader.resources()).containsOnlyKeys("a");
        assertThat(reader.lock()).isEmpty();
        assertThatThrownBy(() -> reader.put(record("b", 2)))
            .isInstanceOf(IllegalStateException.class);
      }
      assertThat(objectsOfStage()).isEqualTo(before);
    }
  }

  @Test
  void aCrashedHoldersLockIsTakenOverOnceItsLeaseRunsOut() throws Exception {
    // What a run killed mid-deploy leaves: its lock object, no longer renewed.
    Instant since = Instant.now().minusSeconds(5);
    putObject(stageFolder() + "lock.json", "{\"lockId\":\"crashed-run\",\"owner\":\"bob (pid 7)\","
        + "\"host\":\"ci-9\",\"since\":\"" + since + "\",\"leaseSeconds\":1}");
    try (S3StateStore store = store()) {
      long start = System.nanoTime();
      try (StageState next = store.open(app, "dev", AccessMode.WRITE, Duration.ofSeconds(10))) {
        assertThat(store.lockHolder(app, "dev")).isEqualTo(next.lock());
        assertThat(next.lock().orElseThrow().lockId()).isNotEqualTo("crashed-run");
        next.put(record("a", 1));
      }
      // At least the 1 s lease plus the second Last-Modified is rounded to.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }
    assertThat(objectsOfStage()).containsExactly(stageFolder() + "resources/a.json");
  }

  @Test
  void aLockThatIsStillLeasedIsNotTakenOver() throws Exception {
    putObject(stageFolder() + "lock.json", "{\"lockId\":\"busy-run\",\"owner\":\"bob (pid 7)\","
        + "\"host\":\"ci-9\",\"since\":\"" + Instant.now() + "\",\"leaseSeconds\":600}");
    try (S3StateStore store = store()) {
      assertThatThrownBy(() -> store.open(app, "dev", AccessMode.WRITE))
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining("lock busy-run held by bob (pid 7) on ci-9 since ");
      assertThat(store.lockHolder(app, "dev").map(LockInfo::lockId)).contains("busy-run");
      store.forceUnlock(app, "dev", "busy-run");
    }
    assertThat(objectsOfStage()).isEmpty();
  }

  @Test
  void aForceUnlockedHolderStopsWritingAndReleasesNothingOfTheNextRun() throws Exception {
    try (S3StateStore store = store();
        S3StateStore quick = new S3StateStore(config().lease(Duration.ofSeconds(3)).build())) {
      StageState stuck = quick.open(app, "dev", AccessMode.WRITE);
      LockInfo info = stuck.lock().orElseThrow();
      assertThatThrownBy(() -> store.forceUnlock(app, "dev", "not-the-id"))
          .isInstanceOf(StateException.class)
          .hasMessage("Lock id not-the-id is not the lock on stage " + app + "/dev, which is "
              + info.describe() + " (lock object s3://bucket-one/" + stageFolder() + "lock.json)."
              + " Nothing was unlocked. Check the lock id; the lock may have changed hands since.");
      assertThat(store.lockHolder(app, "dev")).contains(info);

      store.forceUnlock(app, "dev", info.lockId());
      assertThat(store.lockHolder(app, "dev")).isEmpty();
      try (StageState next = store.open(app, "dev", AccessMode.WRITE)) {
        // The old holder learns at its next renewal (every second here) and stops writing.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Throwable failure = null;
        while (failure == null && System.nanoTime() < deadline) {
          try {
            stuck.put(record("late", 9));
            Thread.sleep(100);
          } catch (StateException e) {
            failure = e;
          }
        }
        assertThat(failure).isNotNull().hasMessage("The lock of stage " + app + "/dev (lock id "
            + info.lockId() + ") was lost: the lock object s3://bucket-one/" + stageFolder()
            + "lock.json was replaced or deleted (force-unlocked, or taken over after its lease"
            + " ran out). This run did not write the resource record late and writes nothing"
            + " more; another run may hold the stage now. Run again: unfinished work is picked"
            + " up from state.");
        stuck.close();
        // Its release was conditional on its own lock: the next run's lock is still there.
        assertThat(store.lockHolder(app, "dev")).isEqualTo(next.lock());
      }
      assertThatThrownBy(() -> store.forceUnlock(app, "dev", info.lockId()))
          .isInstanceOf(StateException.class)
          .hasMessage("Stage " + app + "/dev is not locked (no lock object s3://bucket-one/"
              + stageFolder() + "lock.json), so there is nothing to unlock. Run again.");
    }
  }

  @Test
  void aReleaseNeverDeletesAnotherRunsLock() throws Exception {
    try (S3StateStore store = store()) {
      StageState old = store.open(app, "dev", AccessMode.WRITE);
      store.forceUnlock(app, "dev", old.lock().orElseThrow().lockId());
      try (StageState next = store.open(app, "dev", AccessMode.WRITE)) {
        // The old holder has not noticed yet; its release is conditional on its own lock.
        old.close();
        assertThat(store.lockHolder(app, "dev")).isEqualTo(next.lock());
      }
      assertThat(store.lockHolder(app, "dev")).isEmpty();
    }
  }

  @Test
  void aCorruptObjectIsNamedAndLeftAsItIs() throws Exception {
    try (S3StateStore store = store()) {
      try (StageState state = store.open(app, "dev", AccessMode.WRITE)) {
        state.put(record("good", 1));
      }
      String key = stageFolder() + "resources/bad.json";
      putObject(key, "{\"formatVersion\": 1, \"scope\": \"\", \"id\": ");
      assertThatThrownBy(() -> store.open(app, "dev", AccessMode.WRITE))
          .isInstanceOf(CorruptStateException.class)
          .hasMessageStartingWith("State object s3://bucket-one/" + key + " of stage " + app
              + "/dev is corrupt: it is not valid JSON (")
          .hasMessageEndingWith("Alchemy changed nothing and left it as it is. Restore it from a"
              + " backup (an earlier version, if the bucket keeps versions) or fix it by hand,"
              + " then run again.");
      assertThatThrownBy(() -> store.open(app, "dev", AccessMode.READ))
          .isInstanceOf(CorruptStateException.class);
      assertThat(object(key)).isEqualTo("{\"formatVersion\": 1, \"scope\": \"\", \"id\": ");
      // The lock taken for the failed open was released.
      assertThat(objectsOfStage()).containsExactly(key, stageFolder() + "resources/good.json");
    }
  }

  @Test
  void aMissingBucketIsAClearError() {
    try (S3StateStore store = new S3StateStore(S3StateConfig.builder("bucket-missing")
        .endpointOverride(endpoint()).pathStyle(true).credentials("test", Secret.of("sk-123"))
        .build())) {
      assertThatThrownBy(() -> store.open(app, "dev", AccessMode.WRITE))
          .isInstanceOf(StateException.class)
          .hasMessageStartingWith("Cannot take the lock of stage " + app + "/dev (s3://"
              + "bucket-missing/alchemy/" + app + "/dev/lock.json): NoSuchBucket (HTTP 404). The"
              + " bucket bucket-missing does not exist")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-123"));
      assertThat(store.toString()).doesNotContain("sk-123");
    }
  }

  @Test
  void aStageMovesFromTheFileSystemToS3() throws Exception {
    FileSystemStateStore files = new FileSystemStateStore(dir.resolve("state"));
    Alchemy.builder().app(app).stage("dev").baseDir(dir).stateStore(files).build()
        .run(files("v1"));
    try (S3StateStore store = store()) {
      StateMigration.Copied copied = StateMigration.copyStage(files, store, app, "dev", false,
          Duration.ZERO);
      assertThat(copied.resources()).isEqualTo(2);
      assertThat(copied.scopes()).isEqualTo(1);
      assertThat(alchemy(store).build().run(files("v1")).unchanged()).isEqualTo(2);
    }
    assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve("README.txt")),
        StandardCharsets.UTF_8)).isEqualTo("v1");
  }
}
