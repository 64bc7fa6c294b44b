package io.alchemy.bench.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.StageState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares a stage after a completed run with what its step leaves, exactly: the files on disk
 * and their contents, the state records, and nothing else in either folder (no journal, no
 * temporary snapshot, no file a killed run made and state forgot; after a destroy, nothing at
 * all). Each difference is one line.
 */
final class StageCheck {

  /** Files a completed run keeps in the state folder: the snapshot and the (empty) lock file. */
  private static final Set<String> STATE_FILES = Set.of(
      CrashChild.APP + "/" + CrashChild.STAGE + "/state.json",
      CrashChild.APP + "/." + CrashChild.STAGE + ".lock");

  /** How many items of one kind a report lists before it says how many more there are. */
  private static final int SHOWN = 8;

  private StageCheck() {}

  /**
   * How the stage in {@code stateDir} and {@code baseDir} differs from what {@code completed}
   * leaves.
   */
  static List<String> differences(Step completed, Path stateDir, Path baseDir) {
    List<String> differences = new ArrayList<>();
    files(completed, baseDir, differences);
    stateFolder(stateDir, !completed.files().isEmpty(), differences);
    records(completed, stateDir, baseDir, differences);
    return differences;
  }

  private static void files(Step declared, Path baseDir, List<String> differences) {
    Map<String, String> expected = declared.contentByPath();
    Map<String, String> actual = new TreeMap<>();
    for (String path : regularFiles(baseDir)) {
      actual.put(path, read(baseDir.resolve(path)));
    }
    Set<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(actual.keySet());
    Set<String> unexpected = new TreeSet<>(actual.keySet());
    unexpected.removeAll(expected.keySet());
    List<String> wrong = new ArrayList<>();
    expected.forEach((path, content) -> {
      String found = actual.get(path);
      if (found != null && !found.equals(content)) {
        wrong.add(path + " (\"" + found + "\", declared \"" + content + "\")");
      }
    });
    add(differences, "files missing", missing);
    add(differences, "files not declared (leaked or left over)", unexpected);
    add(differences, "files with other content", wrong);
  }

  /**
   * A stage that holds resources keeps its snapshot and lock file; a destroyed one leaves nothing
   * in the state folder.
   */
  private static void stateFolder(Path stateDir, boolean holdsResources,
      List<String> differences) {
    Set<String> found = new TreeSet<>(regularFiles(stateDir));
    Set<String> extra = new TreeSet<>(found);
    if (holdsResources) {
      extra.removeAll(STATE_FILES);
    }
    add(differences, "files left in the state folder", extra);
    String snapshot = CrashChild.APP + "/" + CrashChild.STAGE + "/state.json";
    if (holdsResources && !found.contains(snapshot)) {
      differences.add("no snapshot: " + snapshot + " is missing");
    }
  }

  private static void records(Step declared, Path stateDir, Path baseDir,
      List<String> differences) {
    Map<String, ResourceRecord> records;
    try (StageState state = new FileSystemStateStore(stateDir)
        .open(CrashChild.APP, CrashChild.STAGE, AccessMode.READ)) {
      records = new TreeMap<>(state.resources());
    } catch (RuntimeException e) {
      differences.add("state cannot be read: " + e);
      return;
    }
    Map<String, Workload.File> expected = declared.byAddress();
    Set<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(records.keySet());
    Set<String> unexpected = new TreeSet<>(records.keySet());
    unexpected.removeAll(expected.keySet());
    List<String> unsettled = new ArrayList<>();
    List<String> withOldInstances = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    records.forEach((address, record) -> {
      if (!record.status().settled() || record.pendingProps() != null) {
        unsettled.add(address + " " + record.status());
      }
      if (!record.replacedInstances().isEmpty()) {
        withOldInstances.add(address + " " + record.replacedInstances().stream()
            .map(i -> text(i.props(), "path")).toList());
      }
      Workload.File file = expected.get(address);
      if (file != null) {
        String props = describe(record.props());
        String want = "path=" + file.path() + " content=" + file.content();
        String outputPath = text(record.output(), "path");
        String wantOutput = baseDir.resolve(file.path()).normalize().toString();
        if (!record.type().equals(TextFile.TYPE) || !props.equals(want)) {
          wrong.add(address + " (" + record.type() + " " + props + ", declared " + want + ")");
        } else if (!wantOutput.equals(outputPath)) {
          wrong.add(address + " (output path " + outputPath + ", declared " + wantOutput + ")");
        }
      }
    });
    add(differences, "records missing", missing);
    add(differences, "records not declared", unexpected);
    add(differences, "records not settled", unsettled);
    add(differences, "records still holding replaced instances", withOldInstances);
    add(differences, "records with other props", wrong);
  }

  private static String describe(JsonNode props) {
    return "path=" + text(props, "path") + " content=" + text(props, "content");
  }

  private static String text(JsonNode node, String field) {
    return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
  }

  private static void add(List<String> differences, String what, Collection<String> items) {
    if (items.isEmpty()) {
      return;
    }
    List<String> shown = items.stream().limit(SHOWN).toList();
    String more = items.size() > SHOWN ? " (and " + (items.size() - SHOWN) + " more)" : "";
    differences.add(what + " (" + items.size() + "): " + String.join(", ", shown) + more);
  }

  /** Regular files under {@code dir}, relative, with {@code /} separators. */
  private static List<String> regularFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
