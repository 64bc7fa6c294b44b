package io.alchemy.core;

import io.alchemy.core.engine.Deployment;
import io.alchemy.core.engine.Keyring;
import io.alchemy.core.engine.RunSettings;
import io.alchemy.core.local.LocalServers;
import io.alchemy.core.provider.ProviderRegistry;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StageState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Several runs of one stage under one lock, for watch mode: the stage's state is opened (and its
 * lock taken) by {@link Alchemy#openSession()}, each {@link #run} deploys against it, and {@link
 * #close()} compacts the state and releases the lock.
 *
 * <pre>{@code
 * try (AlchemySession session = alchemy.openSession()) {
 *   session.run(first);
 *   session.run(edited); // sees what the first run wrote
 * }
 * }</pre>
 *
 * <p>A failing run throws as {@link Alchemy#run} does and leaves the session usable: the next run
 * picks up from state. Runs of one session are serialized.
 */
public final class AlchemySession implements AutoCloseable {

  private final RunSettings settings;
  private final StageState state;
  private final RunListener listener;
  private final ClassLoader classLoader;
  private final Map<String, ResourceRecord> resources;
  private final Map<String, ScopeRecord> scopes;
  private final List<Scope.Cleanup> cleanups = new ArrayList<>();
  private final LocalServers localServers;
  private final Keyring keyring;
  private final Thread onExit = new Thread(this::runCleanups, "alchemy-session-cleanup");
  private boolean closed;
  private boolean cleaned;

  AlchemySession(RunSettings settings, StageState state, RunListener listener,
      ClassLoader classLoader) {
    this.settings = settings;
    this.state = state;
    this.listener = listener;
    this.classLoader = classLoader;
    this.resources = new ConcurrentHashMap<>(state.resources());
    this.scopes = new ConcurrentHashMap<>(state.scopes());
    // Keys derived by the first run, and a local database it started, serve every later one.
    this.keyring = new Keyring(settings.app(), settings.stage(), settings.password(),
        settings.hints());
    this.localServers = LocalServers.forSession(settings.app(), settings.stage(),
        settings.baseDir(), listener, settings.hints());
    // Cleanup handlers belong to the session (a tunnel outlives each redeploy): they run once
    // when it closes, or when the JVM is stopped first.
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  /**
   * Runs {@code definition} against the session's state.
   *
   * @param definition the definition, e.g. freshly loaded after an edit
   * @param loader where orphans' providers are found and the context class loader during the run;
   *     {@code null} for the session's or the definition's
   * @return what was done
   * @throws DeploymentFailedException when the definition, a provider or finalization failed; the
   *     session stays open
   * @throws IllegalStateException when the session is closed
   */
  public synchronized RunResult run(InfrastructureDefinition definition, ClassLoader loader) {
    Objects.requireNonNull(definition, "definition");
    if (closed) {
      throw new IllegalStateException("The session of " + settings.app() + "/"
          + settings.stage() + " is closed");
    }
    ClassLoader effective = loader != null ? loader
        : classLoader != null ? classLoader : definition.getClass().getClassLoader();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(effective);
    try {
      return new Deployment(settings, new RunView(), new ProviderRegistry(effective), listener)
          .handCleanupsTo(this::keepCleanups)
          .useLocalServers(localServers)
          .useKeyring(keyring)
          .execute(definition);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** {@link #run(InfrastructureDefinition, ClassLoader)} with the session's class loader. */
  public RunResult run(InfrastructureDefinition definition) {
    return run(definition, null);
  }

  /** Where the state lives, for messages. */
  public String location() {
    return state.location();
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void keepCleanups(List<Scope.Cleanup> handlers) {
    cleanups.addAll(handlers);
  }

  private void runCleanups() {
    List<Scope.Cleanup> handlers;
    synchronized (this) {
      if (cleaned) {
        return;
      }
      cleaned = true;
      handlers = List.copyOf(cleanups);
    }
    Deployment.runCleanups(handlers, listener);
  }

  /**
   * Runs the cleanup handlers of every run (once each, in reverse order of registration), stops
   * the local servers the session started, compacts the state and releases the stage lock; later
   * calls do nothing.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      runCleanups();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: the handlers still run once
      }
      try {
        localServers.close();
      } finally {
        state.close();
      }
    }
  }

  /**
   * The state one run sees: writes go through to the real state and into the session's current
   * view, so the next run sees them (the real state answers with the records as of its open); its
   * close does nothing, the session closes the real state.
   */
  private final class RunView implements StageState {

    @Override
    public String location() {
      return state.location();
    }

    @Override
    public Optional<LockInfo> lock() {
      return state.lock();
    }

    @Override
    public Map<String, ResourceRecord> resources() {
      return Collections.unmodifiableMap(resources);
    }

    @Override
    public Map<String, ScopeRecord> scopes() {
      return Collections.unmodifiableMap(scopes);
    }

    @Override
    public void put(ResourceRecord record) {
      state.put(record);
      resources.put(record.address(), record);
    }

    @Override
    public void remove(String address) {
      state.remove(address);
      resources.remove(address);
    }

    @Override
    public void putScope(ScopeRecord record) {
      state.putScope(record);
      scopes.put(record.scope(), record);
    }

    @Override
    public void removeScope(String scope) {
      state.removeScope(scope);
      scopes.remove(scope);
    }

    @Override
    public void close() {
      // the session's state stays open for the next run
    }
  }
}
