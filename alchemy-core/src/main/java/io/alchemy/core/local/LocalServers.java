package io.alchemy.core.local;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.RunListener;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.credentials.S3Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The local servers of one session (one run, or an {@code alchemy:dev} session of many runs):
 * each kind is started on first use and all are stopped when the session closes, or when the JVM
 * exits first. Used by the engine; providers reach it through {@link
 * io.alchemy.core.Scope#localServer}.
 */
public final class LocalServers implements AutoCloseable {

  // Where the factory of a kind that core knows is shipped, for the "none installed" message.
  private static final Map<Class<?>, String> MODULES = Map.of(
      PostgresCredentials.class, "io.alchemy:alchemy-postgres-local",
      S3Endpoint.class, "io.alchemy:alchemy-aws-local");

  private final String app;
  private final String stage;
  private final Path baseDir;
  private final RunListener listener;
  private final Map<Class<?>, LocalServer<?>> running = new LinkedHashMap<>();
  private final Thread onExit = new Thread(this::close, "alchemy-stop-local-servers");
  private boolean hooked;
  private boolean closed;

  /**
   * @param app the app
   * @param stage the stage (not its local state key)
   * @param baseDir the project directory; servers keep their files under its {@code target}
   * @param listener told when a server starts and stops
   */
  public LocalServers(String app, String stage, Path baseDir, RunListener listener) {
    this.app = app;
    this.stage = stage;
    this.baseDir = baseDir;
    this.listener = listener;
  }

  /**
   * The credentials of the running local server of {@code type}, starting it first if this
   * session has not yet.
   *
   * @throws AlchemyException when no factory for {@code type} is installed or the server does not
   *     start
   */
  public synchronized <C> C credentials(Class<C> type) {
    if (closed) {
      throw new IllegalStateException("The local servers of " + app + "/" + stage
          + " were stopped with their session");
    }
    LocalServer<?> server = running.get(type);
    if (server == null) {
      server = start(type);
    }
    return type.cast(server.credentials());
  }

  private <C> LocalServer<C> start(Class<C> type) {
    LocalServerFactory<C> factory = find(type);
    Path data = baseDir.resolve(Path.of("target", "alchemy", "local", app, stage, factory.name()));
    Path log = baseDir.resolve(Path.of("target", "alchemy", "logs", app, stage,
        factory.name() + ".log"));
    long started = System.nanoTime();
    LocalServer<C> server;
    try {
      Files.createDirectories(data);
      Files.createDirectories(log.getParent());
      server = factory.start(new LocalServerContext(app, stage, data, log));
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
    running.put(type, server);
    listener.info("Local " + server.description() + " started in "
        + (System.nanoTime() - started) / 1_000_000 + " ms; its output goes to " + log);
    return server;
  }

  @SuppressWarnings("unchecked")
  private <C> LocalServerFactory<C> find(Class<C> type) {
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
        : "Add " + module + " to the <dependencies> of alchemy-maven-plugin in your POM (or to"
        + " the class path when Alchemy runs without Maven)")
        + ", or skip the resource when running locally: if (!scope.local()) { ... }. Nothing was"
        + " changed for it.");
  }

  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }

  /** Stops every server this session started, newest first; later calls do nothing. */
  @Override
  public void close() {
    List<LocalServer<?>> servers;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      servers = new ArrayList<>(running.values());
      running.clear();
    }
    Collections.reverse(servers);
    for (LocalServer<?> server : servers) {
      try {
        server.close();
        listener.info("Local " + server.description() + " stopped");
      } catch (Exception e) {
        listener.warning("Stopping the local " + server.description() + " failed: "
            + AlchemyException.describe(e));
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
}
