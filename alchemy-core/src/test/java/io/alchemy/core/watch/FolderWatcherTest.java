package io.alchemy.core.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Bounded: awaitChanges waits for a change, and the timeout interrupts it if none comes.
@Timeout(30)
class FolderWatcherTest {

  private static final Duration QUIET = Duration.ofMillis(100);

  @TempDir
  Path dir;

  /** Every change up to {@code expected}, in at most five batches (each waits for a change). */
  private static Set<Path> changesUntil(FolderWatcher watcher, Path expected) throws Exception {
    Set<Path> seen = new HashSet<>();
    for (int i = 0; i < 5 && !seen.contains(expected); i++) {
      seen.addAll(watcher.awaitChanges(QUIET));
    }
    return seen;
  }

  @Test
  void seesChangesInFoldersCreatedAfterItStarted() throws Exception {
    Path root = dir.resolve("src");
    Files.createDirectories(root);
    try (FolderWatcher watcher = new FolderWatcher(List.of(root))) {
      Path nested = Files.createDirectories(root.resolve("a/b"));
      Path first = Files.writeString(nested.resolve("One.java"), "x");
      // The new folder's files count as changed even when written before it was registered.
      assertThat(changesUntil(watcher, first)).contains(first);
      Path second = Files.writeString(nested.resolve("Two.java"), "y");
      assertThat(changesUntil(watcher, second)).contains(second);
      Files.delete(second);
      assertThat(changesUntil(watcher, second)).contains(second);
    }
  }

  @Test
  void watchesARootThatAppearsLater() throws Exception {
    Path classes = dir.resolve("target/classes");
    try (FolderWatcher watcher = new FolderWatcher(List.of(classes))) {
      Files.createDirectories(classes.resolve("p"));
      Path file = Files.writeString(classes.resolve("p/A.class"), "x");
      assertThat(changesUntil(watcher, file)).contains(file);
    }
  }
}
