package io.alchemy.core.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/** The {@link StateStore} contract, against the filesystem store. */
class FileSystemStateStoreContractTest extends StateStoreContract {

  @TempDir Path dir;

  private Path root() {
    return dir.resolve("state");
  }

  @Override
  protected StateStore newStore() {
    return new FileSystemStateStore(root());
  }

  /** The stage folder's files, and the lock file while it names a holder. */
  @Override
  protected Map<String, String> stored(String app, String stage) throws IOException {
    FileSystemStateStore store = new FileSystemStateStore(root());
    Map<String, String> files = new TreeMap<>();
    Path lockFile = store.lockFile(app, stage);
    if (Files.exists(lockFile) && Files.size(lockFile) > 0) {
      files.put(lockFile.getFileName().toString(), Files.readString(lockFile));
    }
    Path stageDir = store.stageDir(app, stage);
    if (Files.exists(stageDir)) {
      try (Stream<Path> paths = Files.walk(stageDir)) {
        for (Path path : paths.toList()) {
          files.put(stageDir.relativize(path).toString() + (Files.isDirectory(path) ? "/" : ""),
              Files.isDirectory(path) ? "" : Files.readString(path, StandardCharsets.ISO_8859_1));
        }
      }
    }
    return files;
  }

  /** The app's folder, with every folder and file in it, empty lock files included. */
  @Override
  protected Map<String, String> storedForApp(String app) throws IOException {
    Map<String, String> files = new TreeMap<>();
    Path appDir = root().resolve(app);
    if (Files.exists(appDir)) {
      try (Stream<Path> paths = Files.walk(appDir)) {
        for (Path path : paths.toList()) {
          files.put(root().relativize(path).toString() + (Files.isDirectory(path) ? "/" : ""),
              Files.isDirectory(path) ? "" : Files.readString(path, StandardCharsets.ISO_8859_1));
        }
      }
    }
    return files;
  }

  /** The snapshot cut short, as a disk error or a careless edit leaves it. */
  @Override
  protected Corruption corrupt(String app, String stage) throws IOException {
    Path snapshot = new FileSystemStateStore(root()).stageDir(app, stage).resolve("state.json");
    String text = Files.readString(snapshot);
    Files.writeString(snapshot, text.substring(0, text.length() / 2));
    return new Corruption("State file " + snapshot + " is corrupt: it is not valid JSON (",
        "Alchemy changed nothing and left the file as it is. Restore it from a backup or fix it"
            + " by hand, then run again.");
  }

  /**
   * The snapshot a version writing {@code body}'s format version would write: that version at its
   * top (what this store checks), the one record in it.
   */
  @Override
  protected String storeRawRecord(String app, String stage, String address, String body)
      throws IOException {
    Path snapshot = new FileSystemStateStore(root()).stageDir(app, stage).resolve("state.json");
    Files.createDirectories(snapshot.getParent());
    ObjectNode record = (ObjectNode) StateJson.mapper().readTree(body);
    ObjectNode root = StateJson.mapper().createObjectNode()
        .put("formatVersion", record.get("formatVersion").asInt())
        .put("app", app)
        .put("stage", stage);
    root.putArray("resources").add(record);
    root.putArray("scopes");
    Files.writeString(snapshot, root.toPrettyString());
    return "State file " + snapshot + " ";
  }

  /**
   * A lock file naming a process of this host that has ended. Its operating-system lock went with
   * it, so the file names nobody and the next run simply takes the lock.
   */
  @Override
  protected StaleLock leaveStaleLock(String app, String stage) throws Exception {
    Path lockFile = new FileSystemStateStore(root()).lockFile(app, stage);
    Files.createDirectories(lockFile.getParent());
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-version").redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();
    LockInfo crashed = new LockInfo("crashed", "bob (pid " + gone.pid() + ")",
        LockInfo.localHost(), Instant.parse("2026-01-01T00:00:00Z"));
    Files.writeString(lockFile, crashed.toJson().put("pid", gone.pid()).toString());
    return new StaleLock(crashed, null);
  }

  @Override
  protected boolean staleLockNamesNoHolder() {
    return true;
  }

  @Override
  protected boolean canForceUnlock() {
    return false;
  }
}
