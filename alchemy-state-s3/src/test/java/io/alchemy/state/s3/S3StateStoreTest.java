package io.alchemy.state.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.LockInfo;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What is particular to the S3 store, against S3Mock, a real S3 API server shared by the module's
 * test classes; what every store promises is {@link S3StateStoreContractTest}'s. S3Mock's
 * conditional create is not atomic under simultaneous writers, so contention is tested in
 * sequence (a holder is present, the next acquire sees it), never as a race with exactly one
 * winner.
 */
@Timeout(60)
@ExtendWith(S3MockServer.class)
class S3StateStoreTest {

  private static final String BUCKET = S3MockServer.BUCKET;
  private static final AtomicInteger APPS = new AtomicInteger();

  @TempDir Path dir;

  /** Each test has its own app, so tests share one server and bucket without meeting. */
  private final String app = "app" + APPS.incrementAndGet();

  private static URI endpoint() {
    return S3MockServer.endpoint();
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
    return S3MockServer.raw().listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(stageFolder()))
        .contents()
        .stream().map(S3Object::key).sorted().toList();
  }

  private String object(String key) {
    return S3MockServer.object(key);
  }

  private void putObject(String key, String body) {
    S3MockServer.putObject(key, body);
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
          stageFolder() + "scopes/.json",
          stageFolder() + "snapshot.json");
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
  void anOpenTakesUnchangedRecordsFromTheSnapshotAndReadsTheRest() throws Exception {
    try (S3StateStore store = store()) {
      alchemy(store).build().run(files("v1"));
      String snapshotKey = stageFolder() + "snapshot.json";
      String snapshot = object(snapshotKey);
      assertThat(snapshot).contains("\"etag\"").contains("hello v1");

      // A copy whose ETag still matches is trusted: an edit of the copy alone shows.
      putObject(snapshotKey, snapshot.replace("hello v1", "hello from the snapshot"));
      try (StageState state = store.open(app, "dev", AccessMode.READ)) {
        assertThat(state.scopes().get("").values())
            .containsEntry("greeting", TextNode.valueOf("hello from the snapshot"));
      }

      // An object written behind the copy's back (a run that crashed before its close) is read.
      String scopeKey = stageFolder() + "scopes/.json";
      putObject(scopeKey, object(scopeKey).replace("hello v1", "hello from the object"));
      try (StageState state = store.open(app, "dev", AccessMode.READ)) {
        assertThat(state.scopes().get("").values())
            .containsEntry("greeting", TextNode.valueOf("hello from the object"));
        assertThat(state.resources()).containsOnlyKeys("readme", "docs/guide");
      }

      // An unreadable copy is ignored; a writer's close replaces it, even with nothing changed.
      putObject(snapshotKey, "{not json");
      try (StageState state = store.open(app, "dev", AccessMode.WRITE)) {
        assertThat(state.resources()).containsOnlyKeys("readme", "docs/guide");
      }
      assertThat(object(snapshotKey)).contains("hello from the object");

      // A record deleted behind the copy's back stays deleted.
      S3MockServer.raw().deleteObject(d -> d.bucket(BUCKET)
          .key(stageFolder() + "resources/readme.json"));
      try (StageState state = store.open(app, "dev", AccessMode.READ)) {
        assertThat(state.resources()).containsOnlyKeys("docs/guide");
      }
    }
  }

  @Test
  void aLockedReaderLeavesAStaleSnapshotForTheNextWriter() throws Exception {
    try (S3StateStore store = store()) {
      alchemy(store).build().run(files("v1"));
      String snapshotKey = stageFolder() + "snapshot.json";
      putObject(snapshotKey, "{not json");
      // A writer would replace the copy at close, even with nothing changed; a plan never does.
      try (StageState state = store.open(app, "dev", AccessMode.LOCKED_READ)) {
        assertThat(state.resources()).containsOnlyKeys("readme", "docs/guide");
        assertThat(objectsOfStage()).contains(stageFolder() + "lock.json");
      }
      assertThat(object(snapshotKey)).isEqualTo("{not json");
      assertThat(objectsOfStage()).doesNotContain(stageFolder() + "lock.json");
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
              + " (Alchemy.builder().lockTimeout(Duration.ofMinutes(10))) so that runs of one stage"
              + " queue and proceed in turn. If that run crashed, its lease (60 s) runs out at the"
              + " latest ")
          .hasMessageEndingWith(" s from now and the next run takes the lock over. If that run"
              + " crashed, release its lock with: StateStore.forceUnlock(\"" + app + "\", \"dev\","
              + " \"" + info.lockId() + "\")")
          .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(info));
      assertThat(store.lockHolder(app, "dev")).contains(info);
      // The failed attempt left nothing: the lock object is the holder's, unchanged.
      assertThat(object(stageFolder() + "lock.json")).isEqualTo(lockBefore);
      assertThat(objectsOfStage()).containsExactly(stageFolder() + "lock.json");
    }
    assertThat(objectsOfStage()).isEmpty();
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
