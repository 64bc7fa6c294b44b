package io.alchemy.core.watch;

import io.alchemy.core.AlchemySession;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.definition.LoadedDefinition;
import io.alchemy.core.watch.ChangedPaths.Rooted;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watch mode: deploys a project's definition on an {@link AlchemySession}, then watches its
 * sources, resources and classes folder and deploys again after every change, until stopped.
 *
 * <p>One round: wait for a change, then until none came for the debounce time; compile the
 * changed {@code .java} files in-process into the classes folder; remove the classes of deleted
 * ones; copy changed resources into the classes folder (and remove the copies of deleted ones);
 * load the definition in a new class loader, so the edited classes are the ones that run; run it
 * on the session. A compile error, a definition that cannot be loaded or a failing run is
 * reported to the {@link WatchListener} and the loop keeps watching; a failed run deletes no
 * orphans, so the previous deployment stays as it is.
 *
 * <pre>{@code
 * try (AlchemySession session = alchemy.openSession();
 *     WatchLoop loop = WatchLoop.builder()
 *         .sourceRoots(List.of(Path.of("src/main/java")))
 *         .resourceRoots(List.of(Path.of("src/main/resources")))
 *         .classesDir(Path.of("target/classes"))
 *         .compileClasspath(dependencyJars)
 *         .definitionLoader(DefinitionLoader.forClasspath(runtimeClasspath))
 *         .listener(listener)
 *         .build()) {
 *   loop.run(session); // until another thread calls loop.requestStop()
 * }
 * }</pre>
 *
 * <p>The loop does not own the session: the caller opens it (taking the stage lock) and closes
 * it. Close the loop after the session, because the last loaded definition's classes may still
 * be needed by the session's cleanup handlers.
 */
public final class WatchLoop implements AutoCloseable {

  private final List<Path> sourceRoots;
  private final List<Path> resourceRoots;
  private final OwnWrites ownWrites = new OwnWrites();
  private final ClassesDir classesDir;
  private final InProcessCompiler compiler;
  private final DefinitionLoader definitionLoader;
  private final String definitionClass;
  private final Duration debounce;
  private final int maxRuns;
  private final WatchListener listener;

  private final Object stopLock = new Object();
  private boolean stopRequested;
  private Thread waiting;

  private LoadedDefinition current;
  /** Classes removed with a deleted source, by class name, to explain a run that still uses one. */
  private final Map<String, Path> removedClasses = new HashMap<>();
  /** Changed sources not compiled yet because a compile failed; compiled with the next change. */
  private final Set<Path> uncompiled = new LinkedHashSet<>();

  private WatchLoop(Builder builder) {
    this.sourceRoots = builder.sourceRoots;
    this.resourceRoots = builder.resourceRoots;
    this.classesDir = new ClassesDir(builder.classesDir, ownWrites);
    List<Path> classpath = new ArrayList<>();
    // Unchanged classes of the project are found in the classes folder.
    classpath.add(builder.classesDir);
    builder.compileClasspath.stream().filter(p -> !p.equals(builder.classesDir))
        .forEach(classpath::add);
    this.compiler = new InProcessCompiler(classpath, builder.classesDir, builder.release,
        builder.encoding);
    this.definitionLoader = builder.definitionLoader;
    this.definitionClass = builder.definitionClass;
    this.debounce = builder.debounce;
    this.maxRuns = builder.maxRuns;
    this.listener = builder.listener;
  }

  /** A builder; {@link Builder#classesDir} and {@link Builder#definitionLoader} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Deploys once, then watches and redeploys after every change until {@link #requestStop()} is
   * called, {@code maxRuns} deployments were tried, or the thread is interrupted (its interrupt
   * flag is then set again). Call it once.
   *
   * @param session the open session every deployment runs on
   * @return how many deployments were tried, the first included
   * @throws IOException when the folders cannot be watched
   */
  public int run(AlchemySession session) throws IOException {
    Objects.requireNonNull(session, "session");
    int runs = 0;
    if (isStopRequested()) {
      listener.ended(runs, true);
      return runs;
    }
    if (!sourceRoots.isEmpty()) {
      Thread warmUp = new Thread(InProcessCompiler::warmUp, "alchemy-watch-compiler-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
    }
    List<Path> roots = new ArrayList<>(sourceRoots);
    roots.addAll(resourceRoots);
    roots.add(classesDir.path());
    // Watching starts before the first deployment, so an edit made during it is not missed.
    try (FolderWatcher watcher = new FolderWatcher(roots)) {
      deploy(session, 0, System.nanoTime(), Duration.ZERO);
      runs++;
      listener.watching(watcher.roots());
      while (maxRuns <= 0 || runs < maxRuns) {
        Set<Path> seen = awaitChanges(watcher);
        if (seen == null) {
          break;
        }
        long detected = System.nanoTime();
        long editedAt = detected - editedAgoNanos(seen);
        ChangedPaths changes = ChangedPaths.sort(seen, sourceRoots, resourceRoots,
            classesDir.path(), ownWrites);
        if (changes.isEmpty()) {
          continue;
        }
        removeClassesOfDeleted(changes.deletedSources());
        // Resources first: a compile error in the same batch must not lose them.
        for (Rooted resource : changes.resources()) {
          try {
            classesDir.update(resource);
          } catch (IOException e) {
            listener.warning("Cannot bring " + resource.path() + " into " + classesDir.path()
                + ": " + e);
          }
        }
        long compileStart = System.nanoTime();
        boolean compiling = !changes.changedSources().isEmpty() || !uncompiled.isEmpty();
        if (!compile(changes.changedSources())) {
          continue;
        }
        Duration compile = compiling ? Duration.ofNanos(System.nanoTime() - compileStart)
            : Duration.ZERO;
        deploy(session, changes.size(), editedAt, compile);
        runs++;
      }
    }
    boolean stopped = isStopRequested();
    listener.ended(runs, stopped);
    return runs;
  }

  /**
   * Ends {@link #run} from any thread (a signal handler, a shutdown hook): at once while it waits
   * for changes, else after the compile or deployment under way. May be called before {@code
   * run}, which then deploys nothing.
   */
  public void requestStop() {
    synchronized (stopLock) {
      stopRequested = true;
      if (waiting != null) {
        waiting.interrupt();
      }
    }
  }

  /** Whether {@link #requestStop()} was called. */
  public boolean isStopRequested() {
    synchronized (stopLock) {
      return stopRequested;
    }
  }

  /** Releases the last loaded definition's class loader; call it after closing the session. */
  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /** The next batch of changes, or {@code null} when the loop is to end. */
  private Set<Path> awaitChanges(FolderWatcher watcher) {
    synchronized (stopLock) {
      if (stopRequested) {
        return null;
      }
      waiting = Thread.currentThread();
    }
    try {
      return watcher.awaitChanges(debounce);
    } catch (InterruptedException e) {
      synchronized (stopLock) {
        if (!stopRequested) {
          // Someone else's interrupt: end, and leave it for the caller to see.
          Thread.currentThread().interrupt();
        }
      }
      return null;
    } finally {
      synchronized (stopLock) {
        waiting = null;
        if (stopRequested) {
          // A stop's interrupt ends here: no file channel of the state may see it later.
          Thread.interrupted();
        }
      }
    }
  }

  private void removeClassesOfDeleted(List<Rooted> deleted) {
    if (deleted.isEmpty()) {
      return;
    }
    List<Path> sources = new ArrayList<>();
    List<Path> removed = new ArrayList<>();
    for (Rooted source : deleted) {
      sources.add(source.path());
      try {
        for (Path classFile : classesDir.removeClassesOf(source)) {
          removed.add(classFile);
          removedClasses.put(classesDir.className(classFile), source.relative());
        }
      } catch (IOException e) {
        listener.warning("Cannot remove the classes of deleted " + source.path() + " from "
            + classesDir.path() + ": " + e);
      }
    }
    listener.classesRemoved(sources, removed);
  }

  /**
   * Compiles {@code changed} with the sources of a compile that failed before (javac writes no
   * class when any file has an error, so those edits are not in the classes folder yet); whether
   * the loop may go on to deploy.
   */
  private boolean compile(List<Path> changed) {
    uncompiled.removeIf(p -> !Files.isRegularFile(p));
    uncompiled.addAll(changed);
    if (uncompiled.isEmpty()) {
      return true;
    }
    List<Path> sources = List.copyOf(uncompiled);
    long start = System.nanoTime();
    InProcessCompiler.Result result = compiler.compile(sources);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // Even a failed compile may have written classes of the files that did compile.
    classesDir.compiled(result.written());
    result.warnings().forEach(listener::compilerWarning);
    if (!result.success()) {
      listener.compileFailed(result.errors());
      return false;
    }
    uncompiled.clear();
    for (Path source : sources) {
      for (Path root : sourceRoots) {
        if (source.startsWith(root)) {
          Path relative = root.relativize(source);
          removedClasses.values().removeIf(relative::equals);
        }
      }
    }
    listener.compiled(sources, took);
    return true;
  }

  /** Loads the definition in a new class loader and runs it; failures go to the listener. */
  private void deploy(AlchemySession session, int changedFiles, long editedAt, Duration compile) {
    long start = System.nanoTime();
    LoadedDefinition loaded = null;
    try {
      loaded = definitionLoader.load(definitionClass);
      RunResult result = session.run(loaded.definition(), loaded.classLoader());
      long end = System.nanoTime();
      boolean first = changedFiles == 0;
      listener.redeployed(new Redeployment(first, changedFiles, loaded.className(), result,
          Duration.ofNanos(end - (first ? start : Math.min(editedAt, start))), compile,
          Duration.ofNanos(end - start)));
    } catch (RuntimeException e) {
      listener.runFailed(e, hintFor(e));
    } finally {
      if (loaded != null) {
        // The previous definition's classes are needed no more: this one replaces it.
        LoadedDefinition previous = current;
        current = loaded;
        if (previous != null) {
          previous.close();
        }
      }
    }
  }

  /** Links a failure to a deleted source whose class is still used, if that is what it is. */
  private String hintFor(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
        String missing = String.valueOf(t.getMessage()).replace('/', '.');
        for (Map.Entry<String, Path> removed : removedClasses.entrySet()) {
          if (missing.contains(removed.getKey())) {
            return removed.getValue() + " was deleted and its classes removed from "
                + classesDir.path() + ", but " + removed.getKey() + " is still used. Restore the"
                + " file, or change the code that uses it, and save again.";
          }
        }
      }
    }
    return null;
  }

  /** How long ago the newest changed file was written, as far as the files tell; else 0. */
  private static long editedAgoNanos(Set<Path> changed) {
    long newest = 0;
    for (Path path : changed) {
      try {
        newest = Math.max(newest, Files.getLastModifiedTime(path).toMillis());
      } catch (IOException e) {
        // deleted
      }
    }
    if (newest == 0) {
      return 0;
    }
    long ago = System.currentTimeMillis() - newest;
    // A clock jump or a file restored with an old time says nothing about this edit.
    return ago < 0 || ago > Duration.ofMinutes(1).toMillis() ? 0 : ago * 1_000_000;
  }

  /** Configures a {@link WatchLoop}. Every setter returns this builder. */
  public static final class Builder {

    private List<Path> sourceRoots = List.of();
    private List<Path> resourceRoots = List.of();
    private Path classesDir;
    private List<Path> compileClasspath = List.of();
    private String release;
    private Charset encoding = StandardCharsets.UTF_8;
    private Duration debounce = Duration.ofMillis(200);
    private int maxRuns;
    private DefinitionLoader definitionLoader;
    private String definitionClass;
    private WatchListener listener = WatchListener.NONE;

    private Builder() {}

    /** Folders of {@code .java} files, compiled in-process when they change. Default: none. */
    public Builder sourceRoots(List<Path> roots) {
      this.sourceRoots = absolute(roots);
      return this;
    }

    /** Folders of resources, copied as they are into the classes folder. Default: none. */
    public Builder resourceRoots(List<Path> roots) {
      this.resourceRoots = absolute(roots);
      return this;
    }

    /**
     * Where classes are compiled to and resources copied, e.g. {@code target/classes}; also
     * watched, so that an IDE's own build redeploys. Required.
     */
    public Builder classesDir(Path classesDir) {
      this.classesDir = classesDir.toAbsolutePath().normalize();
      return this;
    }

    /** What sources compile against; the classes folder is added first when missing. */
    public Builder compileClasspath(List<Path> classpath) {
      this.compileClasspath = absolute(classpath);
      return this;
    }

    /** The compiler's {@code --release}, e.g. {@code "17"}; {@code null} for the running JDK's. */
    public Builder release(String release) {
      this.release = release;
      return this;
    }

    /** The sources' encoding; default UTF-8. */
    public Builder encoding(Charset encoding) {
      this.encoding = Objects.requireNonNull(encoding, "encoding");
      return this;
    }

    /** How long no further change must come before a round starts; default 200 ms. */
    public Builder debounce(Duration debounce) {
      if (debounce.isNegative()) {
        throw new IllegalArgumentException("The debounce time must not be negative: " + debounce);
      }
      this.debounce = debounce;
      return this;
    }

    /** End after this many deployments, the first included (for tests); 0, the default, never. */
    public Builder maxRuns(int maxRuns) {
      this.maxRuns = Math.max(0, maxRuns);
      return this;
    }

    /** Loads the definition anew for each deployment, e.g. from the runtime classpath. Required. */
    public Builder definitionLoader(DefinitionLoader loader) {
      this.definitionLoader = loader;
      return this;
    }

    /** The definition class to load; {@code null}, the default, for the registered one. */
    public Builder definitionClass(String className) {
      this.definitionClass = className;
      return this;
    }

    /** Hears what the loop does. Default: nothing. */
    public Builder listener(WatchListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The loop.
     *
     * @throws IllegalStateException without a classes folder or a definition loader
     */
    public WatchLoop build() {
      if (classesDir == null) {
        throw new IllegalStateException("WatchLoop needs classesDir");
      }
      if (definitionLoader == null) {
        throw new IllegalStateException("WatchLoop needs a definitionLoader");
      }
      return new WatchLoop(this);
    }

    private static List<Path> absolute(List<Path> paths) {
      return paths.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }
  }
}
