package io.alchemy.core.state;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One stage of a {@link FileSystemStateStore}: a snapshot plus a journal of later changes. */
final class FileSystemStageState implements StageState {

  static final String SNAPSHOT = "state.json";
  static final String JOURNAL = "journal.jsonl";

  private static final ObjectMapper MAPPER = StateJson.mapper();

  private final String app;
  private final String stage;
  private final Path dir;
  private final AccessMode mode;
  private final StageLock lock;
  private final Map<String, ResourceRecord> resources = new LinkedHashMap<>();
  private final Map<String, ScopeRecord> scopes = new LinkedHashMap<>();
  private final Map<String, ResourceRecord> resourcesAtOpen;
  private final Map<String, ScopeRecord> scopesAtOpen;
  private final boolean journalFoundAtOpen;
  private Journal journal;
  private boolean closed;

  FileSystemStageState(String app, String stage, Path dir, AccessMode mode, StageLock lock) {
    this.app = app;
    this.stage = stage;
    this.dir = dir;
    this.mode = mode;
    this.lock = lock;
    readSnapshot(dir.resolve(SNAPSHOT));
    long[] validLength = new long[1];
    Path journalFile = dir.resolve(JOURNAL);
    List<JsonNode> entries = Journal.read(journalFile, validLength);
    for (JsonNode entry : entries) {
      apply(entry, journalFile);
    }
    journalFoundAtOpen = Files.exists(journalFile);
    if (mode == AccessMode.WRITE && journalFoundAtOpen) {
      Journal.truncate(journalFile, validLength[0]);
    }
    resourcesAtOpen = Map.copyOf(resources);
    scopesAtOpen = Map.copyOf(scopes);
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public Optional<LockInfo> lock() {
    return lock == null ? Optional.empty() : Optional.of(lock.info());
  }

  @Override
  public Map<String, ResourceRecord> resources() {
    return resourcesAtOpen;
  }

  @Override
  public Map<String, ScopeRecord> scopes() {
    return scopesAtOpen;
  }

  // Journal entries, serialized in one pass (no intermediate tree): one field names the change.
  private record Put(ResourceRecord put) {}

  private record Remove(String remove) {}

  private record PutScope(ScopeRecord putScope) {}

  private record RemoveScope(String removeScope) {}

  @Override
  public synchronized void put(ResourceRecord record) {
    append(new Put(record));
    resources.put(record.address(), record);
  }

  @Override
  public synchronized void remove(String address) {
    if (resources.remove(address) != null) {
      append(new Remove(address));
    }
  }

  @Override
  public synchronized void putScope(ScopeRecord record) {
    append(new PutScope(record));
    scopes.put(record.scope(), record);
  }

  @Override
  public synchronized void removeScope(String scope) {
    if (scopes.remove(scope) != null) {
      append(new RemoveScope(scope));
    }
  }

  private void append(Object entry) {
    if (mode != AccessMode.WRITE || closed) {
      throw new IllegalStateException("state of " + app + "/" + stage + " is not open for writing");
    }
    if (journal == null) {
      createDirectories(dir);
      journal = Journal.forAppend(dir.resolve(JOURNAL));
    }
    journal.append(entry);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (mode == AccessMode.WRITE
          && (journalFoundAtOpen || (journal != null && journal.written()))) {
        if (journal != null) {
          journal.close();
        }
        compact();
      }
    } finally {
      if (lock != null) {
        // A stage with no state left (destroyed, or never deployed) leaves no lock file either.
        lock.release(resources.isEmpty() && scopes.isEmpty()
            && !Files.exists(dir.resolve(SNAPSHOT)) && !Files.exists(dir.resolve(JOURNAL)));
      }
    }
  }

  /** Folds the journal into a new snapshot, or removes the stage folder when nothing is left. */
  private void compact() {
    Path snapshot = dir.resolve(SNAPSHOT);
    Path journalFile = dir.resolve(JOURNAL);
    try {
      if (resources.isEmpty() && scopes.isEmpty()) {
        Files.deleteIfExists(snapshot);
        Files.deleteIfExists(journalFile);
        try {
          Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
          // the user keeps other files here: leave the folder
        }
        return;
      }
      Path temp = dir.resolve(SNAPSHOT + ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
              StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(nonClosing(out), snapshotTree());
        channel.force(true);
      }
      try {
        Files.move(temp, snapshot, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, snapshot, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(dir);
      // Only now is the journal redundant: replaying it over the new snapshot changes nothing.
      Files.deleteIfExists(journalFile);
    } catch (IOException e) {
      throw new StateException("Cannot write state snapshot " + snapshot + ": " + e
          + ". The journal " + journalFile + " still holds every change; the next run replays it.",
          e);
    }
  }

  private ObjectNode snapshotTree() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", ResourceRecord.FORMAT_VERSION);
    root.put("app", app);
    root.put("stage", stage);
    ArrayNode list = root.putArray("resources");
    resources.values().stream()
        .sorted(Comparator.comparingLong(ResourceRecord::seq))
        .forEach(r -> list.add(MAPPER.valueToTree(r)));
    ArrayNode scopeList = root.putArray("scopes");
    scopes.values().stream()
        .sorted(Comparator.comparing(ScopeRecord::scope))
        .forEach(s -> scopeList.add(MAPPER.valueToTree(s)));
    return root;
  }

  /**
   * Reads the snapshot with the streaming parser straight into records: no tree of the whole
   * file, no bean deserializers (see {@link RecordJson}).
   */
  private void readSnapshot(Path snapshot) {
    try (JsonParser parser = MAPPER.createParser(snapshot.toFile())) {
      readSnapshot(parser, snapshot);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return;
    } catch (JsonParseException e) {
      String message = e.getOriginalMessage();
      int detail = message.indexOf(" (start marker");
      throw corrupt(snapshot, "it is not valid JSON ("
          + (detail < 0 ? message : message.substring(0, detail)) + " at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw corrupt(snapshot, "a record cannot be read (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      if (!Files.exists(snapshot)) {
        return;
      }
      throw new StateException("Cannot read state file " + snapshot + ": " + e, e);
    }
  }

  private void readSnapshot(JsonParser parser, Path snapshot) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw corrupt(snapshot, "it does not hold a JSON object", null);
    }
    JsonNode version = null;
    // The version decides how records are read, so records that come before it (never in a file
    // Alchemy wrote) wait as trees until it is known.
    JsonNode earlyResources = null;
    JsonNode earlyScopes = null;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      switch (name) {
        case "formatVersion" -> {
          version = MAPPER.readTree(parser);
          checkVersion(version, snapshot);
        }
        case "resources" -> {
          resources.clear();
          if (version == null) {
            earlyResources = MAPPER.readTree(parser);
          } else {
            readResources(parser, snapshot);
          }
        }
        case "scopes" -> {
          scopes.clear();
          if (version == null) {
            earlyScopes = MAPPER.readTree(parser);
          } else {
            readScopes(parser, snapshot);
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (version == null) {
      checkVersion(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), snapshot);
    }
    if (earlyResources != null) {
      try (JsonParser early = earlyResources.traverse(MAPPER)) {
        early.nextToken();
        readResources(early, snapshot);
      }
    }
    if (earlyScopes != null) {
      try (JsonParser early = earlyScopes.traverse(MAPPER)) {
        early.nextToken();
        readScopes(early, snapshot);
      }
    }
  }

  /** Reads the list the parser is at; {@code null} is no list. */
  private void readResources(JsonParser parser, Path snapshot) throws IOException {
    if (!startList(parser, "resources", snapshot)) {
      return;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      ResourceRecord record = RecordJson.readResource(parser);
      checkRecord(record, snapshot);
      resources.put(record.address(), record);
    }
  }

  private void readScopes(JsonParser parser, Path snapshot) throws IOException {
    if (!startList(parser, "scopes", snapshot)) {
      return;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      ScopeRecord record = RecordJson.readScope(parser);
      scopes.put(record.scope(), record);
    }
  }

  private static boolean startList(JsonParser parser, String field, Path snapshot) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    if (token != JsonToken.START_ARRAY) {
      throw corrupt(snapshot, "a record cannot be read (" + field + " is not a list)", null);
    }
    return true;
  }

  private void apply(JsonNode entry, Path journalFile) {
    try {
      if (entry.has("put")) {
        ResourceRecord record = RecordJson.resource(entry.get("put"));
        checkVersion(entry.get("put").path("formatVersion"), journalFile);
        checkRecord(record, journalFile);
        resources.put(record.address(), record);
      } else if (entry.has("remove")) {
        resources.remove(entry.get("remove").asText());
      } else if (entry.has("putScope")) {
        ScopeRecord record = RecordJson.scope(entry.get("putScope"));
        scopes.put(record.scope(), record);
      } else if (entry.has("removeScope")) {
        scopes.remove(entry.get("removeScope").asText());
      } else {
        throw new IllegalArgumentException("unknown entry " + entry);
      }
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw corrupt(journalFile, "an entry cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static void checkRecord(ResourceRecord record, Path file) {
    if (record.type() == null || record.status() == null) {
      throw corrupt(file, "the record " + record.address() + " has no type or status", null);
    }
  }

  private static void checkVersion(JsonNode version, Path file) {
    if (!version.canConvertToInt()) {
      throw corrupt(file, "it has no formatVersion", null);
    }
    if (version.asInt() > ResourceRecord.FORMAT_VERSION) {
      throw new StateException("State file " + file + " has format version " + version.asInt()
          + ", written by a newer Alchemy; this one reads up to version "
          + ResourceRecord.FORMAT_VERSION + ". Upgrade the plugin to use this stage.");
    }
  }

  private static CorruptStateException corrupt(Path file, String what, Throwable cause) {
    return new CorruptStateException("State file " + file + " is corrupt: " + what
        + ". Alchemy changed nothing and left the file as it is. Restore it from a backup or fix"
        + " it by hand, then run again.", cause);
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StateException("Cannot create state folder " + dir + ": " + e, e);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // not every file system lets a directory be flushed; the rename itself is atomic
    }
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}
