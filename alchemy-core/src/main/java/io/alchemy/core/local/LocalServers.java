package io.alchemy.core.local;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.Hints;
import io.alchemy.core.RunListener;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.credentials.S3Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The local servers of one session (one run, or an {@code alchemy:dev} session of many runs):
 * each kind is started on first use and all are stopped when the session closes, or when the JVM
 * exits first. Used by the engine; providers reach it through {@link
 * io.alchemy.core.Scope#localServer}.
 *
 * <p>Each server's data has a {@link DataGeneration generation}, which the engine records with
 * the resources found on it. In a single run, a server whose data rests as the last single run
 * left it, in the generation a resource was recorded with, need not start for that resource to
 * be found unchanged ({@link #restsSince}). A session of several runs keeps its servers open to
 * the application and to tools between runs, so after it every resource is looked at again.
 */
public final class LocalServers implements AutoCloseable {

  // Where the factory of a kind that core knows is shipped, for the "none installed" message.
  private static final Map<Class<?>, String> MODULES = Map.of(
      PostgresCredentials.class, "io.alchemy:alchemy-postgres-local",
      S3Endpoint.class, "io.alchemy:alchemy-aws-local");

  /** A started server, how it was made, and the generation of its data. */
  private record Running(LocalServer<?> server, LocalServerFactory<?> factory,
      LocalServerContext context, String generation) {}

  private final Hints hints;
  private final String app;
  private final String stage;
  private final Path baseDir;
  private final RunListener listener;
  private final boolean oneRun;
  private final Map<Class<?>, LocalServerFactory<?>> factories = new HashMap<>();
  private final Map<Class<?>, Optional<String>> resting = new HashMap<>();
  private final Map<Class<?>, Running> running = new LinkedHashMap<>();
  private final Set<Class<?>> everStarted = new HashSet<>();
  private final Thread onExit = new Thread(this::close, "alchemy-stop-local-servers");
  private boolean hooked;
  private boolean closed;

  private LocalServers(String app, String stage, Path baseDir, RunListener listener,
      boolean oneRun, Hints hints) {
    this.hints = hints;
    this.app = app;
    this.stage = stage;
    this.baseDir = baseDir;
    this.listener = listener;
    this.oneRun = oneRun;
  }

  /**
   * The local servers of one run: when it ends, the data of each server it started comes to
   * rest, so that the next run may find what is recorded on it unchanged without starting it.
   *
   * @param app the app
   * @param stage the stage (not its local state key)
   * @param baseDir the project directory; servers keep their files under its {@code target}
   * @param listener told when a server starts and stops
   * @param hints how to word installing a missing server's module
   */
  public static LocalServers forRun(String app, String stage, Path baseDir,
      RunListener listener, Hints hints) {
    return new LocalServers(app, stage, baseDir, listener, true, hints);
  }

  /**
   * The local servers of a session of several runs ({@code alchemy:dev}): they stay open between
   * runs, to the application and to tools, so the next session looks at everything again.
   *
   * @param app the app
   * @param stage the stage (not its local state key)
   * @param baseDir the project directory; servers keep their files under its {@code target}
   * @param listener told when a server starts and stops
   * @param hints how to word installing a missing server's module
   */
  public static LocalServers forSession(String app, String stage, Path baseDir,
      RunListener listener, Hints hints) {
    return new LocalServers(app, stage, baseDir, listener, false, hints);
  }

  /**
   * The credentials of the running local server of {@code type}, starting it first if this
   * session has not yet.
   *
   * @throws AlchemyException when no factory for {@code type} is installed or the server does not
   *     start
   */
  public synchronized <C> C credentials(Class<C> type) {
    return type.cast(started(type).server().credentials());
  }

  /**
   * The generation of the data of the local server of {@code type}, starting it first if this
   * session has not yet: what the engine records with a resource it found on that server.
   *
   * @throws AlchemyException when no factory for {@code type} is installed or the server does not
   *     start
   */
  public synchronized String generation(Class<?> type) {
    return started(type).generation();
  }

  /**
   * Finds the factory of {@code type} without starting anything.
   *
   * @throws AlchemyException when none is installed, saying which module to add
   */
  public synchronized void requireInstalled(Class<?> type) {
    find(type);
  }

  /**
   * Whether, without starting it, the data of the local server of {@code type} is provably as it
   * was when a resource was recorded with {@code generation}: still that generation, resting as
   * the last single run left it (no server, tool or edit has touched it since), and a server
   * started now would listen where that one did. Always false in a session of several runs, once
   * this session started the server, and for a {@code null} generation (recorded before there
   * were generations).
   */
  public synchronized boolean restsSince(Class<?> type, String generation) {
    if (!oneRun || closed || generation == null || running.containsKey(type)) {
      return false;
    }
    // The same for every resource of the kind until the server starts: looked at once.
    return resting.computeIfAbsent(type, this::restingGeneration)
        .map(generation::equals).orElse(false);
  }

  /**
   * The kinds (credentials types) whose server this session left unstarted because the resources
   * on it were found unchanged without it: code that connects to one finds nothing listening.
   */
  public synchronized List<Class<?>> leftUnstarted() {
    List<Class<?>> kinds = new ArrayList<>();
    resting.forEach((type, generation) -> {
      if (generation.isPresent() && !everStarted.contains(type)) {
        kinds.add(type);
      }
    });
    return kinds;
  }

  private Optional<String> restingGeneration(Class<?> type) {
    LocalServerFactory<?> factory = find(type);
    LocalServerContext context = context(factory);
    Optional<DataGeneration.Mark> mark =
        new DataGeneration(context.dataDirectory()).read();
    try {
      if (mark.isPresent() && mark.get().restsAt(factory.fingerprint(context.dataDirectory()))
          && factory.previousAddressFree(context)) {
        return Optional.of(mark.get().id());
      }
    } catch (IOException | RuntimeException e) {
      // Unreadable: the server starts and the resources are looked at.
    }
    return Optional.empty();
  }

  private Running started(Class<?> type) {
    if (closed) {
      throw new IllegalStateException("The local servers of " + app + "/" + stage
          + " were stopped with their session");
    }
    Running server = running.get(type);
    return server != null ? server : start(type);
  }

  private LocalServerContext context(LocalServerFactory<?> factory) {
    Path data = baseDir.resolve(Path.of("target", "alchemy", "local", app, stage, factory.name()));
    Path log = baseDir.resolve(Path.of("target", "alchemy", "logs", app, stage,
        factory.name() + ".log"));
    return new LocalServerContext(app, stage, data, log);
  }

  private <C> Running start(Class<C> type) {
    LocalServerFactory<C> factory = find(type);
    LocalServerContext context = context(factory);
    Path data = context.dataDirectory();
    Path log = context.logFile();
    DataGeneration generation = new DataGeneration(data);
    long started = System.nanoTime();
    LocalServer<C> server;
    String id;
    try {
      // Taken before the start changes the data: whether it rests as the last run left it.
      Optional<DataGeneration.Mark> mark = generation.read();
      boolean rests = mark.isPresent() && mark.get().restsAt(fingerprint(factory, data));
      // Until the start is over, and should this JVM be killed, nothing is trusted unseen.
      generation.clear();
      Files.createDirectories(data);
      Files.createDirectories(log.getParent());
      server = factory.start(context);
      id = rests && server.listensAsBefore() ? mark.get().id() : DataGeneration.newId();
      try {
        generation.inUse(id);
      } catch (IOException e) {
        stopQuietly(server);
        throw e;
      }
    } catch (Exception | LinkageError e) {
      throw new AlchemyException("Could not start the local " + factory.name() + " server of "
          + app + "/" + stage + ": " + sentence(AlchemyException.describe(e))
          + " Its output is in " + log + ", its data in " + data
          + " (delete that folder to start afresh).", e);
    }
    if (!hooked) {
      Runtime.getRuntime().addShutdownHook(onExit);
      hooked = true;
    }
    Running run = new Running(server, factory, context, id);
    running.put(type, run);
    everStarted.add(type);
    listener.info("Local " + server.description() + " started in "
        + (System.nanoTime() - started) / 1_000_000 + " ms; its output goes to " + log);
    return run;
  }

  private static Optional<String> fingerprint(LocalServerFactory<?> factory, Path data) {
    try {
      return factory.fingerprint(data);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void stopQuietly(LocalServer<?> server) {
    try {
      server.close();
    } catch (Exception ignored) {
      // reported by the failure that led here
    }
  }

  @SuppressWarnings("unchecked")
  private <C> LocalServerFactory<C> find(Class<C> type) {
    LocalServerFactory<?> known = factories.get(type);
    if (known != null) {
      return (LocalServerFactory<C>) known;
    }
    LocalServerFactory<C> found = load(type);
    factories.put(type, found);
    return found;
  }

  @SuppressWarnings("unchecked")
  private <C> LocalServerFactory<C> load(Class<C> type) {
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(LocalServerFactory.class.getClassLoader());
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && !loaders.contains(context)) {
      loaders.add(context);
    }
    for (ClassLoader loader : loaders) {
      try {
        for (LocalServerFactory<?> factory : ServiceLoader.load(LocalServerFactory.class, loader)) {
          if (factory.credentialsType() == type) {
            return (LocalServerFactory<C>) factory;
          }
        }
      } catch (ServiceConfigurationError e) {
        throw new AlchemyException("A local server factory could not be loaded: "
            + e.getMessage() + ". Check the modules added for local mode.", e);
      }
    }
    String module = MODULES.get(type);
    throw new AlchemyException("Local mode has no local server for " + type.getSimpleName()
        + ": none is installed. " + (module == null ? "Add a module that provides a "
        + LocalServerFactory.class.getName() + " for it"
        : capitalized(hints.install(module)))
        + ", or skip the resource when running locally: if (!scope.local()) { ... }. Nothing was"
        + " changed for it.");
  }

  private static String capitalized(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }

  /**
   * Stops every server this session started, newest first; in a single run, their data comes to
   * rest. Later calls do nothing.
   */
  @Override
  public void close() {
    List<Running> servers;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      servers = new ArrayList<>(running.values());
      running.clear();
    }
    Collections.reverse(servers);
    for (Running run : servers) {
      LocalServer<?> server = run.server();
      try {
        server.close();
        listener.info("Local " + server.description() + " stopped");
      } catch (Exception e) {
        listener.warning("Stopping the local " + server.description() + " failed: "
            + AlchemyException.describe(e));
        continue;
      }
      if (oneRun) {
        rest(run);
      }
    }
    if (hooked && Thread.currentThread() != onExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting; the servers are stopped already
      }
    }
  }

  /** Records that the data of a stopped server rests, as it is now, in its generation. */
  private static void rest(Running run) {
    Path data = run.context().dataDirectory();
    Optional<String> fingerprint = fingerprint(run.factory(), data);
    if (fingerprint.isEmpty()) {
      return;
    }
    try {
      new DataGeneration(data).rest(run.generation(), fingerprint.get());
    } catch (IOException e) {
      // Not recorded as resting: the next run starts the server and looks, as without it.
    }
  }
}
