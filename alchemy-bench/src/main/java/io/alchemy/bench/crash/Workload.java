package io.alchemy.bench.crash;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Scope;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.provider.ResourceProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a crash round deploys: 200 text files over 10 child scopes {@code s0..s9}. A is the first
 * version; B is the change that exercises every kind of action against A: of every five files,
 * one stays, one is removed (an orphan), one gets new content (an update in place), one gets a
 * new path (a replacement: new file first, old one deleted at finalization) and one moves to the
 * next scope under a new id (a create plus an orphan). Half of the moves keep their path: the new
 * resource takes the file over and the orphan hands it over instead of deleting it.
 */
public enum Workload {
  A, B;

  /** The number of files in A. */
  public static final int FILES = 200;

  /** The number of child scopes. */
  public static final int SCOPES = 10;

  /**
   * One declared file.
   *
   * @param scope the child scope, e.g. {@code s3}
   * @param id the id within it
   * @param path the path relative to the base dir
   * @param content the whole content
   */
  public record File(String scope, String id, String path, String content) {
    /** The state record's address: scope path and id. */
    public String address() {
      return scope + "/" + id;
    }
  }

  /** Every file this workload declares, in declaration order (scope by scope). */
  public List<File> files() {
    List<File> files = new ArrayList<>();
    for (int s = 0; s < SCOPES; s++) {
      // Scope by scope, so the definition below declares them in this same order.
      for (int i = s; i < FILES; i += SCOPES) {
        File file = file(i);
        if (file != null && file.scope().equals("s" + s)) {
          files.add(file);
        }
        File moved = this == B ? movedInto(s, i) : null;
        if (moved != null) {
          files.add(moved);
        }
      }
    }
    return files;
  }

  /** The files by path, as they must be on disk once this workload ran to completion. */
  public Map<String, String> contentByPath() {
    Map<String, String> byPath = new LinkedHashMap<>();
    files().forEach(f -> byPath.put(f.path(), f.content()));
    return byPath;
  }

  /** The files by state address. */
  public Map<String, File> byAddress() {
    Map<String, File> byAddress = new LinkedHashMap<>();
    files().forEach(f -> byAddress.put(f.address(), f));
    return byAddress;
  }

  /**
   * The definition, every file declared through {@code provider} (a real or halting TextFile), in
   * each scope in order; the scopes entered one after another, or all at once with {@code
   * forEach} when {@code concurrency} says so.
   */
  public InfrastructureDefinition definition(
      ResourceProvider<TextFile.Props, TextFile.Output> provider, Concurrency concurrency) {
    List<File> files = files();
    Scope.ItemBody<String> declareScope = (stage, name) -> stage.run(name, scope -> {
      for (File f : files) {
        if (f.scope().equals(name)) {
          scope.resource(f.id(), provider, TextFile.props(f.path(), f.content()));
        }
      }
    });
    List<String> scopes = IntStream.range(0, SCOPES).mapToObj(s -> "s" + s).toList();
    return stage -> {
      if (concurrency == Concurrency.FOR_EACH) {
        stage.forEach(scopes, declareScope);
      } else {
        for (String name : scopes) {
          declareScope.accept(stage, name);
        }
      }
    };
  }

  /**
   * How many provider calls a run of {@code to} makes on a completed {@code from} ({@code null}:
   * empty state): one per create, update and delete, two per replacement. Bounds the random
   * choice of the call at which a child halts.
   */
  public static int providerCalls(Workload from, Workload to) {
    Map<String, File> before = from == null ? Map.of() : from.byAddress();
    Map<String, File> after = to.byAddress();
    int calls = 0;
    for (File f : after.values()) {
      File old = before.get(f.address());
      if (old == null) {
        calls++;
      } else if (!old.path().equals(f.path())) {
        calls += 2;
      } else if (!old.content().equals(f.content())) {
        calls++;
      }
    }
    for (String address : before.keySet()) {
      if (!after.containsKey(address)) {
        calls++;
      }
    }
    return calls;
  }

  /** File {@code i} as this workload declares it in its own scope, or null when removed/moved. */
  private File file(int i) {
    String scope = "s" + (i % SCOPES);
    String id = "f" + i;
    File a = new File(scope, id, "files/" + scope + "/" + id + ".txt", "A " + i);
    if (this == A) {
      return a;
    }
    return switch (kind(i)) {
      case 0 -> a;
      case 1, 4 -> null; // removed, or moved (declared by movedInto)
      case 2 -> new File(scope, id, a.path(), "B " + i);
      default -> new File(scope, id, "files/" + scope + "/" + id + "-b.txt", a.content());
    };
  }

  /** In B, the file that moved into scope {@code s} from the previous scope, or null. */
  private static File movedInto(int s, int i) {
    // File i of the previous scope: same position, so every scope receives four.
    int from = i - s + Math.floorMod(s - 1, SCOPES);
    if (kind(from) != 4) {
      return null;
    }
    String scope = "s" + s;
    String id = "m" + from;
    String path = keepsPath(from) ? "files/s" + (from % SCOPES) + "/f" + from + ".txt"
        : "files/" + scope + "/" + id + ".txt";
    return new File(scope, id, path, "A " + from);
  }

  /** Whether moved file {@code i} keeps its path (half of the moves). */
  private static boolean keepsPath(int i) {
    return (i / (SCOPES * 5)) % 2 == 0;
  }

  /** What B does to file {@code i}: 0 keeps, 1 removes, 2 updates, 3 replaces, 4 moves. */
  private static int kind(int i) {
    return (i / SCOPES) % 5;
  }
}
