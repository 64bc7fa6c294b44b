package io.alchemy.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStateStoreTest {

  @TempDir Path dir;

  private FileSystemStateStore store() {
    return new FileSystemStateStore(dir);
  }

  private static ResourceRecord record(String id, long seq) {
    return new ResourceRecord(ResourceRecord.FORMAT_VERSION, "", id, "app/dev/" + id, "t::T", seq,
        ResourceStatus.CREATED, TextNode.valueOf("p" + id), TextNode.valueOf("o" + id), null, null);
  }

  @Test
  void recordsSurviveCloseAndReopen() {
    try (StageState state = store().open("app", "dev", AccessMode.WRITE)) {
      state.put(record("a", 1));
      state.put(record("b", 2));
      state.remove("a");
      state.putScope(new ScopeRecord(1, "api", Map.of("k", TextNode.valueOf("v"))));
    }
    Path stage = store().stageDir("app", "dev");
    assertThat(stage.resolve("journal.jsonl")).doesNotExist();
    assertThat(stage.resolve("state.json")).exists();
    try (StageState state = store().open("app", "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("b");
      assertThat(state.resources().get("b")).isEqualTo(record("b", 2));
      assertThat(state.scopes().get("api").values()).containsEntry("k", TextNode.valueOf("v"));
    }
  }

  @Test
  void aKilledRunLeavesAJournalThatTheNextRunReplays() throws Exception {
    // Simulate a process killed mid-run: entries appended, close() never called.
    StageState killed = store().open("app", "dev", AccessMode.WRITE);
    killed.put(record("a", 1));
    killed.put(record("b", 2).with(ResourceStatus.CREATING, TextNode.valueOf("pb"), null, null));
    Path stage = store().stageDir("app", "dev");
    assertThat(stage.resolve("journal.jsonl")).exists();
    try (StageState reader = store().open("app", "dev", AccessMode.READ)) {
      assertThat(reader.resources()).containsOnlyKeys("a", "b");
      assertThat(reader.resources().get("b").status()).isEqualTo(ResourceStatus.CREATING);
    }
    releaseLockOf(killed);
    try (StageState next = store().open("app", "dev", AccessMode.WRITE)) {
      assertThat(next.resources()).containsOnlyKeys("a", "b");
    }
    assertThat(stage.resolve("journal.jsonl")).doesNotExist();
  }

  @Test
  void aTornLastEntryIsIgnoredAndCutOff() throws Exception {
    try (StageState state = store().open("app", "dev", AccessMode.WRITE)) {
      state.put(record("a", 1));
    }
    Path stage = store().stageDir("app", "dev");
    Path journal = stage.resolve("journal.jsonl");
    StageState killed = store().open("app", "dev", AccessMode.WRITE);
    killed.put(record("b", 2));
    Files.writeString(journal, "0badc0de {\"put\":{\"id\":", StandardOpenOption.APPEND);
    releaseLockOf(killed);
    try (StageState state = store().open("app", "dev", AccessMode.WRITE)) {
      assertThat(state.resources()).containsOnlyKeys("a", "b");
      state.put(record("c", 3));
    }
    try (StageState state = store().open("app", "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("a", "b", "c");
    }
  }

  @Test
  void damageFollowedByGoodEntriesIsCorruptionAndIsLeftAlone() throws Exception {
    StageState killed = store().open("app", "dev", AccessMode.WRITE);
    killed.put(record("a", 1));
    killed.put(record("b", 2));
    releaseLockOf(killed);
    Path journal = store().stageDir("app", "dev").resolve("journal.jsonl");
    List<String> lines = Files.readAllLines(journal);
    Files.write(journal, List.of(lines.get(0).replace("pa", "pX"), lines.get(1)));
    byte[] before = Files.readAllBytes(journal);
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.WRITE))
        .isInstanceOf(CorruptStateException.class)
        .hasMessage("State journal " + journal + " is damaged at line 1 (checksum mismatch) and"
            + " has good entries after it. Alchemy left it untouched. Restore the stage's state"
            + " folder from a backup, or remove the damaged line by hand if you know what it"
            + " recorded, then run again.");
    assertThat(Files.readAllBytes(journal)).isEqualTo(before);
    assertThat(lockIsFree()).isTrue();
  }

  @Test
  void aRecordWithoutTypeIsCorrupt() throws Exception {
    Path snapshot = store().stageDir("app", "dev").resolve("state.json");
    Files.createDirectories(snapshot.getParent());
    Files.writeString(snapshot, "{\"formatVersion\":1,\"resources\":[{\"scope\":\"\",\"id\":\"x\"}]}");
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.READ))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("the record x has no type or status");
  }

  @Test
  void stateFromANewerVersionIsRefused() throws Exception {
    Path snapshot = store().stageDir("app", "dev").resolve("state.json");
    Files.createDirectories(snapshot.getParent());
    Files.writeString(snapshot, "{\"formatVersion\": 99, \"resources\": []}");
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.READ))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("has format version 99, written by a newer Alchemy");
  }

  @Test
  void theVersionIsCheckedFirstWhereverItStands() throws Exception {
    Path snapshot = store().stageDir("app", "dev").resolve("state.json");
    Files.createDirectories(snapshot.getParent());
    // Records a newer Alchemy wrote may not read as this version's: the version speaks first.
    Files.writeString(snapshot, "{\"resources\": [{\"id\": 3}], \"formatVersion\": 3}");
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.READ))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("has format version 3, written by a newer Alchemy");
    Files.writeString(snapshot, "{\"scopes\": [{\"scope\": \"api\", \"values\": {\"k\": 1}}],"
        + " \"resources\": [{\"scope\": \"\", \"id\": \"a\", \"type\": \"t::T\", \"seq\": 1,"
        + " \"status\": \"CREATED\"}], \"formatVersion\": 1}");
    try (StageState state = store().open("app", "dev", AccessMode.READ)) {
      assertThat(state.resources()).containsOnlyKeys("a");
      assertThat(state.scopes().get("api").values()).containsOnlyKeys("k");
    }
    Files.writeString(snapshot, "{\"resources\": []}");
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.READ))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("it has no formatVersion");
  }

  @Test
  void recordsThatAreNotAListAreCorrupt() throws Exception {
    Path snapshot = store().stageDir("app", "dev").resolve("state.json");
    Files.createDirectories(snapshot.getParent());
    Files.writeString(snapshot, "{\"formatVersion\": 2, \"resources\": {\"a\": {}}}");
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.READ))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("a record cannot be read (resources is not a list)");
    Files.writeString(snapshot, "{\"formatVersion\": 2, \"resources\": [{\"scope\": \"\","
        + " \"id\": \"a\", \"type\": \"t::T\", \"status\": \"GONE\"}]}");
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.READ))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("a record cannot be read ('status' is 'GONE'");
    Files.writeString(snapshot, "{\"formatVersion\": 2, \"resources\": [{\"scope\": \"\",");
    assertThatThrownBy(() -> store().open("app", "dev", AccessMode.READ))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("it is not valid JSON (");
  }

  @Test
  void aHeldLockIsAClearErrorNamingTheHolder() {
    try (StageState holder = store().open("app", "dev", AccessMode.WRITE)) {
      LockInfo info = holder.lock().orElseThrow();
      Path lockFile = store().lockFile("app", "dev");
      assertThatThrownBy(() -> store().open("app", "dev", AccessMode.WRITE))
          .isInstanceOf(StateLockedException.class)
          .hasMessage("Stage app/dev is locked by another run: lock " + info.lockId() + " held by "
              + info.owner() + " on " + info.host() + " since " + info.since() + " (lock file "
              + lockFile + "). This run did not wait for it (lockTimeout is 0). Nothing was"
              + " changed. Wait for that run to finish and run again, or set a lockTimeout"
              + " (Alchemy.builder().lockTimeout(Duration.ofMinutes(10))) so that runs of one stage queue and proceed in"
              + " turn. A crashed run cannot hold this lock: the operating system releases it"
              + " when process " + ProcessHandle.current().pid() + " ends.")
          .satisfies(e -> assertThat(((StateLockedException) e).holder()).contains(info));
      assertThat(info.owner()).endsWith("(pid " + ProcessHandle.current().pid() + ")");
      assertThat(store().lockHolder("app", "dev")).contains(info);
      // Other stages and readers are not blocked.
      store().open("app", "prod", AccessMode.WRITE).close();
      store().open("app", "dev", AccessMode.READ).close();
    }
    assertThat(lockIsFree()).isTrue();
    assertThat(store().lockHolder("app", "dev")).isEmpty();
  }

  @Test
  void anEmptiedStageRemovesItsFolder() {
    try (StageState state = store().open("app", "dev", AccessMode.WRITE)) {
      state.put(record("a", 1));
    }
    try (StageState state = store().open("app", "dev", AccessMode.WRITE)) {
      state.remove("a");
    }
    assertThat(store().stageDir("app", "dev")).doesNotExist();
  }

  private boolean lockIsFree() {
    StageLock lock = StageLock.acquire(dir.resolve("app").resolve(".dev.lock"), "app/dev");
    lock.release();
    return true;
  }

  /** Lets go of a killed run's lock without compacting, as the OS does when a process dies. */
  private static void releaseLockOf(StageState killed) throws Exception {
    var lockField = killed.getClass().getDeclaredField("lock");
    lockField.setAccessible(true);
    ((StageLock) lockField.get(killed)).release();
    var journalField = killed.getClass().getDeclaredField("journal");
    journalField.setAccessible(true);
    ((Journal) journalField.get(killed)).close();
  }
}
