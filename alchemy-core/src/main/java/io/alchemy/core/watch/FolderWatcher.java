package io.alchemy.core.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches folder trees for changed files with a {@link WatchService}: every folder below the roots
 * is registered, and folders that appear later are registered as they appear (their files count
 * as changed). Roots that do not exist yet are registered once they do.
 */
final class FolderWatcher implements AutoCloseable {

  /** How often roots that did not exist yet are looked for while nothing changes. */
  private static final long MISSING_ROOT_CHECK_MILLIS = 1000;

  private final WatchService service;
  private final List<Path> roots;
  private final Map<WatchKey, Path> folders = new HashMap<>();

  /**
   * Starts watching.
   *
   * @param roots the folder trees; relative ones resolve against the working directory
   * @throws IOException when the file system offers no watch service
   */
  FolderWatcher(List<Path> roots) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    for (Path root : this.roots) {
      registerTree(root, null);
    }
  }

  /** The watched roots, absolute. */
  List<Path> roots() {
    return roots;
  }

  /**
   * Waits for a change, then until no further change came for {@code quiet}.
   *
   * @return the changed paths (created, modified or deleted), absolute, never empty
   * @throws InterruptedException when interrupted while waiting
   */
  Set<Path> awaitChanges(Duration quiet) throws InterruptedException {
    Set<Path> changed = new LinkedHashSet<>();
    while (changed.isEmpty()) {
      WatchKey key = service.poll(MISSING_ROOT_CHECK_MILLIS, TimeUnit.MILLISECONDS);
      if (key == null) {
        // a root that did not exist at start (a first compile's target/classes)
        for (Path root : roots) {
          if (Files.isDirectory(root) && !folders.containsValue(root)) {
            registerTree(root, changed);
          }
        }
        continue;
      }
      collect(key, changed);
    }
    WatchKey key;
    while ((key = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
      collect(key, changed);
    }
    return changed;
  }

  private void collect(WatchKey key, Set<Path> changed) {
    Path folder = folders.get(key);
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW || folder == null) {
        continue;
      }
      Path path = folder.resolve((Path) event.context());
      if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
        registerTree(path, changed);
      } else {
        changed.add(path);
      }
    }
    if (!key.reset()) {
      folders.remove(key);
    }
  }

  private void registerTree(Path root, Set<Path> changed) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isDirectory(path)) {
          folders.put(path.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), path);
        } else if (changed != null) {
          changed.add(path);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // a folder deleted while walking: nothing to watch there
    }
  }

  @Override
  public void close() throws IOException {
    service.close();
  }
}
