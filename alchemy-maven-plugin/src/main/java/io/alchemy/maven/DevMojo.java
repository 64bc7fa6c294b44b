package io.alchemy.maven;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.RunResult;
import io.alchemy.core.definition.DefinitionLoader;
import io.alchemy.core.definition.LoadedDefinition;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Watch mode: {@code mvn alchemy:dev} deploys the stage locally ({@code scope.local()} and {@code
 * scope.watch()} are true), then keeps watching {@code src/main/java}, {@code src/main/resources}
 * and {@code target/classes}. On a change it recompiles the changed sources in-process with the
 * JDK compiler against the compile classpath, copies changed resources, loads the definition in a
 * fresh class loader and deploys it again, all under one stage lock held for the whole session. A
 * compile error or a failing definition is logged and the session keeps watching; the previous
 * deployment and its spawned processes stay. Ctrl-C or SIGTERM ends the session: spawned
 * processes are stopped, cleanup handlers run and the lock is released.
 *
 * <p>Like {@code up}, it compiles the project first in a forked lifecycle up to {@code
 * process-classes}.
 */
@Mojo(name = "dev", threadSafe = true, configurator = MaskingConfigurator.ID,
    requiresDependencyResolution = ResolutionScope.RUNTIME, requiresDirectInvocation = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class DevMojo extends AbstractDefinitionMojo {

  /** How long no further change must come before a redeploy, in milliseconds. */
  @Parameter(property = PropertyNames.DEV_DEBOUNCE, defaultValue = "200")
  private long debounceMillis;

  /** End after this many runs, the first deploy included (for tests); 0 watches until stopped. */
  @Parameter(property = PropertyNames.DEV_MAX_RUNS, defaultValue = "0")
  private int maxRuns;

  private LoadedDefinition current;
  private volatile boolean stopRequested;
  private boolean waiting;
  private final Object stopLock = new Object();
  private volatile Thread watchThread;

  /** The goal, with Maven's decrypter of settings.xml passwords. */
  @Inject
  public DevMojo(SettingsDecrypter decrypter) {
    super(decrypter);
  }

  @Override
  protected String goal() {
    return "dev";
  }

  @Override
  protected void executeGoal() throws MojoExecutionException, MojoFailureException {
    GoalSettings settings = settings(definitionName(), definitionOrigin(),
        passwordSource().describe(), null);
    FailureTranslator failures = new FailureTranslator(settings);
    StateBackend backend = null;
    AlchemySession session = null;
    Thread onExit = null;
    try {
      Alchemy.Builder builder = Alchemy.builder()
          .app(settings.app())
          .stage(settings.stage())
          .baseDir(settings.baseDir())
          .local(true)
          .watch(true)
          .quiet(quiet())
          .listener(new MavenLogListener(getLog()))
          .lockTimeout(lockTimeout());
      builder.build();
      SettingsServers servers = servers();
      backend = backend(settings, servers);
      settings = settings.withStateNote(backend.note());
      failures = new FailureTranslator(settings);
      builder.stateStore(backend.store());
      applySecrets(builder, servers);
      logLogin(backend);
      Alchemy alchemy = builder.build();
      // Held for the whole session: a second session (or an up -Dalchemy.local) of this stage
      // gets the "locked by" error.
      session = alchemy.openSession();
      AlchemySession opened = session;
      onExit = new Thread(() -> closeSession(opened), "alchemy-dev-close-session");
      Runtime.getRuntime().addShutdownHook(onExit);
      watchThread = Thread.currentThread();
      boolean signals = StopSignals.install(this::requestStop);
      getLog().debug("alchemy:dev stop signal handlers installed: " + signals);
      getLog().info("alchemy:dev " + settings.stageFqn() + " (local, watch); state in "
          + session.location() + "; the stage is locked until the session ends (Ctrl-C)");
      watch(settings, failures, session);
    } catch (RuntimeException | DependencyResolutionRequiredException | ConfigurationProblem
        | IOException e) {
      throw failures.translate(e);
    } finally {
      if (onExit != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook closes the session
        }
      }
      if (session != null) {
        closeSession(session);
      }
      closeLoaded();
      closeQuietly(backend);
    }
  }

  private void watch(GoalSettings settings, FailureTranslator failures, AlchemySession session)
      throws DependencyResolutionRequiredException, IOException {
    Path base = baseDir();
    Path classes = Path.of(project().getBuild().getOutputDirectory()).toAbsolutePath().normalize();
    List<Path> sourceRoots = project().getCompileSourceRoots().stream()
        .map(s -> base.resolve(s).normalize())
        .filter(p -> !p.startsWith(Path.of(project().getBuild().getDirectory()).toAbsolutePath()))
        .toList();
    List<Path> resourceRoots = project().getResources().stream()
        .map(r -> base.resolve(r.getDirectory()).normalize()).toList();
    InProcessCompiler compiler = new InProcessCompiler(project().getCompileClasspathElements(),
        classes, release(), encoding());
    int runs = 0;
    Thread warmUp = new Thread(InProcessCompiler::warmUp, "alchemy-dev-compiler-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    deploy(settings, failures, session, "first deploy", Long.MIN_VALUE, 0);
    runs++;
    List<Path> roots = new ArrayList<>(sourceRoots);
    roots.addAll(resourceRoots);
    roots.add(classes);
    try (SourceWatcher watcher = new SourceWatcher(roots)) {
      getLog().info("alchemy:dev watching " + String.join(", ",
          roots.stream().map(p -> base.relativize(p).toString()).toList())
          + " (Ctrl-C to stop)");
      while ((maxRuns <= 0 || runs < maxRuns) && !stopRequested) {
        Set<Path> changed = null;
        synchronized (stopLock) {
          if (stopRequested) {
            break;
          }
          waiting = true;
        }
        try {
          changed = watcher.awaitChanges(Math.max(0, debounceMillis));
        } catch (InterruptedException e) {
          if (!stopRequested) {
            Thread.currentThread().interrupt();
            return;
          }
        } finally {
          synchronized (stopLock) {
            waiting = false;
            if (stopRequested) {
              // A stop's interrupt is handled here: no file channel of the state may see it.
              Thread.interrupted();
            }
          }
        }
        if (stopRequested) {
          break;
        }
        long detected = System.nanoTime();
        long editedAgoNanos = editedAgo(changed);
        List<Path> sources = new ArrayList<>();
        boolean relevant = false;
        for (Path path : changed) {
          Path root = rootOf(path, sourceRoots);
          if (root != null) {
            relevant = true;
            if (path.toString().endsWith(".java") && Files.isRegularFile(path)) {
              sources.add(path);
            }
            continue;
          }
          root = rootOf(path, resourceRoots);
          if (root != null) {
            relevant = true;
            copyResource(root, path, classes);
            continue;
          }
          if (path.startsWith(classes)) {
            relevant = true; // an IDE build
          }
        }
        if (!relevant) {
          continue;
        }
        long compileNanos = 0;
        if (!sources.isEmpty()) {
          long start = System.nanoTime();
          InProcessCompiler.Result result = compiler.compile(sources);
          compileNanos = System.nanoTime() - start;
          result.warnings().forEach(w -> getLog().warn(w));
          if (!result.success()) {
            getLog().error("alchemy:dev: compilation failed, " + result.errors().size()
                + (result.errors().size() == 1 ? " error" : " errors")
                + "; the previous deployment stays as it is. Fix it and save again.");
            result.errors().forEach(e -> getLog().error(e));
            // What javac wrote for the files that compiled must not trigger another round.
            watcher.discardPending();
            continue;
          }
          getLog().info("alchemy:dev compiled " + sources.size() + " changed source file"
              + (sources.size() == 1 ? "" : "s") + " in " + compileNanos / 1_000_000 + " ms");
        }
        // Our own writes to target/classes are not an IDE build.
        watcher.discardPending();
        deploy(settings, failures, session, changed.size() + " changed file"
            + (changed.size() == 1 ? "" : "s"), detected - editedAgoNanos, compileNanos);
        watcher.discardPending();
        runs++;
      }
      getLog().info(stopRequested ? "alchemy:dev stopped; closing the session"
          : "alchemy:dev ends after " + runs + " runs (" + PropertyNames.DEV_MAX_RUNS + ")");
    }
  }

  /** Loads the definition in a new class loader and runs it; failures are logged, not thrown. */
  private void deploy(GoalSettings settings, FailureTranslator failures, AlchemySession session,
      String why, long editedAt, long compileNanos)
      throws DependencyResolutionRequiredException {
    long start = System.nanoTime();
    if (editedAt == Long.MIN_VALUE) {
      editedAt = start;
    }
    LoadedDefinition loaded = null;
    try {
      loaded = DefinitionLoader.forClasspath(runtimeClasspath())
          .namingHint(AbstractDefinitionMojo::howToNameDefinition)
          .load(settings.definition());
      RunResult result = session.run(loaded.definition(), loaded.classLoader());
      long now = System.nanoTime();
      getLog().info("alchemy:dev " + settings.stageFqn() + " redeployed (" + why + ") with "
          + loaded.className() + ": " + result.summary() + "; " + (editedAt == start
          ? "in " + (now - start) / 1_000_000 + " ms"
          : (now - editedAt) / 1_000_000 + " ms from the edit to redeployed (compile "
          + compileNanos / 1_000_000 + " ms, load and run " + (now - start) / 1_000_000 + " ms)"));
    } catch (DeploymentFailedException e) {
      if (e.result() != null) {
        getLog().info("alchemy:dev " + settings.stageFqn() + " before it failed: "
            + e.result().summary());
      }
      logFailure(failures, e);
    } catch (RuntimeException e) {
      logFailure(failures, e);
    } finally {
      if (loaded != null) {
        // The definition's classes are needed no more: the next change loads them anew.
        LoadedDefinition previous = current;
        current = loaded;
        if (previous != null) {
          previous.close();
        }
      }
    }
  }

  /** Called by Ctrl-C or SIGTERM: ends the watch loop once the current run, if any, is done. */
  private void requestStop() {
    synchronized (stopLock) {
      stopRequested = true;
      Thread thread = watchThread;
      if (waiting && thread != null) {
        thread.interrupt();
      }
    }
  }

  private void logFailure(FailureTranslator failures, Exception e) {
    String message;
    try {
      message = failures.translate(e).getMessage();
    } catch (MojoFailureException failure) {
      message = failure.getMessage();
    }
    getLog().error("alchemy:dev: " + message);
    getLog().error("alchemy:dev keeps watching; the previous deployment stays as it is.");
    getLog().debug(e);
  }

  private void closeSession(AlchemySession session) {
    if (session.isClosed()) {
      return;
    }
    try {
      session.close();
      getLog().info("alchemy:dev session closed; the stage lock is released");
    } catch (RuntimeException e) {
      getLog().error("alchemy:dev: closing the session failed: " + e.getMessage());
    }
  }

  private void closeLoaded() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  private static Path rootOf(Path path, List<Path> roots) {
    for (Path root : roots) {
      if (path.startsWith(root)) {
        return root;
      }
    }
    return null;
  }

  private void copyResource(Path root, Path file, Path classes) throws IOException {
    Path target = classes.resolve(root.relativize(file).toString());
    if (Files.isRegularFile(file)) {
      Files.createDirectories(target.getParent());
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    } else if (!Files.exists(file)) {
      Files.deleteIfExists(target);
    }
  }

  /** How long ago the newest changed file was written, as far as the files tell; else 0. */
  private static long editedAgo(Set<Path> changed) {
    long newest = 0;
    for (Path path : changed) {
      try {
        FileTime time = Files.getLastModifiedTime(path);
        newest = Math.max(newest, time.toMillis());
      } catch (IOException e) {
        // deleted
      }
    }
    if (newest == 0) {
      return 0;
    }
    long ago = System.currentTimeMillis() - newest;
    return ago < 0 || ago > Duration.ofMinutes(1).toMillis() ? 0 : ago * 1_000_000;
  }

  private String release() {
    String release = project().getProperties().getProperty("maven.compiler.release");
    return release != null ? release : project().getProperties().getProperty(
        "maven.compiler.target");
  }

  private Charset encoding() {
    String name = project().getProperties().getProperty("project.build.sourceEncoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
