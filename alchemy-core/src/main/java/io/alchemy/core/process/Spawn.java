package io.alchemy.core.process;

import io.alchemy.core.Alchemy;
import io.alchemy.core.Scope;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.TypedResourceProvider;
import io.alchemy.core.secret.Secret;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running process (a dev server, a tunnel), the seed's {@code scope.spawn}: started with
 * an argument list, its output written to {@code target/alchemy/logs/<app>/<stage>/<scopes>/<id>.log}
 * under the project folder, and its value pulled from the first output line that matches {@code
 * extract} (the first capture group, or the whole match). Its pid and start time are recorded: a
 * re-run in the same JVM (watch mode) finds it alive and returns the recorded value; a changed
 * command stops it and starts the new one. It is stopped, with its whole process tree, when the
 * JVM exits, when its spawn leaves the code, and by destroy.
 *
 * <pre>{@code
 * String url = scope.spawn("vite", Spawn.command("npx", "vite", "--port", "5173")
 *     .extract("Local:\\s+(http://\\S+)").build());
 * }</pre>
 */
public final class Spawn extends TypedResourceProvider<Spawn.Props, Spawn.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "process::Spawn";

  private static final Spawn INSTANCE = new Spawn();

  /** The provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public Spawn() {
    super(TYPE, Props.class, Output.class);
  }
  private static final int FAILURE_LINES = 20;

  /**
   * What to run. Build with {@link Spawn#command(String...)}.
   *
   * @param command the program and its arguments
   * @param env plain environment variables added to the inherited environment
   * @param secretEnv secret environment variables, encrypted in state
   * @param workingDirectory where to run, relative to the project folder; {@code null} for it
   * @param extract a regular expression matched against each output line; {@code null} to return
   *     as soon as the process started
   * @param timeoutSeconds how long to wait for a matching line
   */
  public record Props(
      List<String> command,
      Map<String, String> env,
      Map<String, Secret> secretEnv,
      String workingDirectory,
      String extract,
      long timeoutSeconds) {

    /** Copies the collections and checks the command and pattern. */
    public Props {
      if (command == null || command.isEmpty()) {
        throw new IllegalArgumentException("a spawn needs a command");
      }
      command = List.copyOf(command);
      env = env == null ? Map.of() : Map.copyOf(env);
      secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
      if (extract != null) {
        Pattern.compile(extract);
      }
      if (timeoutSeconds <= 0) {
        throw new IllegalArgumentException("a spawn's timeout must be positive");
      }
    }
  }

  /**
   * The running process.
   *
   * @param pid its process id
   * @param started its start time, which tells it apart from a later process with the same pid
   * @param value what {@code extract} matched, or {@code null}
   * @param logFile where its output goes
   */
  public record Output(long pid, String started, String value, String logFile) {}

  /** Starts props with the program and its arguments. */
  public static PropsBuilder command(String... command) {
    return new PropsBuilder(Arrays.asList(command));
  }

  /** The provider, as {@link java.util.ServiceLoader} and {@link Scope#resource} use it. */
  public static Spawn provider() {
    return INSTANCE;
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    Path directory = props.workingDirectory() == null ? context.baseDir()
        : context.resolve(Path.of(props.workingDirectory()));
    Path log = logFile(context);
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(props.command()).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    // Alchemy's own password is never the child's: a command that prints its environment would
    // put it into state and logs.
    builder.environment().remove(Alchemy.PASSWORD_ENV);
    builder.environment().putAll(props.env());
    props.secretEnv().forEach((name, secret) -> builder.environment().put(name, secret.reveal()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot start " + props.command().get(0) + " in " + directory + ": "
          + e.getMessage(), e);
    }
    process.getOutputStream().close();
    ProcessHandle handle = process.toHandle();
    SpawnedProcesses.track(handle);
    String value = props.extract() == null ? null : awaitValue(context, process, props, log);
    return new Output(handle.pid(), SpawnedProcesses.startInstant(handle), value,
        log.toString());
  }

  /** Any change of a spawn means a new process. */
  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output old)
      throws Exception {
    delete(context, oldProps, old);
    return create(context, newProps);
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return true;
  }

  /** Two dev servers usually want the same port: stop the old one before starting the new. */
  @Override
  public boolean deleteBeforeReplace() {
    return true;
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) {
    if (output != null) {
      SpawnedProcesses.stop(output.pid(), output.started());
    }
  }

  /**
   * Starts nothing. Every change starts a new process, so nothing of {@code previous} carries
   * over: its pid (0 here) and start time are known only once it runs, and so is the value that
   * {@code extract} pulls from its output ({@code null} without one); its log file follows from
   * the resource's name.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    return new Output(0, Unknowns.marker(context.fqn(), "started"),
        props.extract() == null ? null : Unknowns.marker(context.fqn(), "value"),
        logFile(context).toString());
  }

  /**
   * The process is alive (the same one: pid and start time), or missing: ended or killed outside
   * Alchemy, and started again by {@code up}. A process has no props to drift.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output) {
    return gone(context, props, output) ? Live.missing() : Live.found(props, output);
  }

  @Override
  public boolean gone(ResourceContext context, Props props, Output output) {
    return output == null || !SpawnedProcesses.alive(output.pid(), output.started());
  }

  private static Path logFile(ResourceContext context) {
    Path logs = context.baseDir().resolve(Path.of("target", "alchemy", "logs"));
    for (String part : context.fqn().split("/")) {
      logs = logs.resolve(part);
    }
    return logs.resolveSibling(logs.getFileName() + ".log");
  }

  private static String awaitValue(ResourceContext context, Process process, Props props,
      Path log) throws IOException, InterruptedException {
    Pattern pattern = Pattern.compile(props.extract());
    long deadline = System.nanoTime() + Duration.ofSeconds(props.timeoutSeconds()).toNanos();
    Deque<String> lastLines = new ArrayDeque<>();
    StringBuilder partial = new StringBuilder();
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] buffer = new byte[8192];
      while (true) {
        boolean exited = !process.isAlive();
        int read;
        while ((read = file.read(buffer)) > 0) {
          partial.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
          int newline;
          while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline).stripTrailing();
            partial.delete(0, newline + 1);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
              return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            }
            remember(lastLines, line);
          }
        }
        if (exited) {
          remember(lastLines, partial.toString());
          throw new IOException(props.command().get(0) + " exited with " + process.exitValue()
              + " before a line of its output matched " + props.extract() + "; last lines of "
              + log + ":\n"
              + masked(context, props, String.join("\n", lastLines)));
        }
        if (System.nanoTime() > deadline) {
          SpawnedProcesses.stopTree(process.toHandle());
          throw new IOException(props.command().get(0) + " printed no line matching "
              + props.extract() + " within " + Duration.ofSeconds(props.timeoutSeconds())
              + " and was stopped; last lines of " + log + ":\n"
              + masked(context, props, String.join("\n", lastLines)));
        }
        Thread.sleep(25);
      }
    }
  }

  private static void remember(Deque<String> lines, String line) {
    if (!line.isBlank()) {
      lines.addLast(line);
      if (lines.size() > FAILURE_LINES) {
        lines.removeFirst();
      }
    }
  }

  /** Builds {@link Props}; only the command is required. */
  public static final class PropsBuilder {
    private final List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Secret> secretEnv = new LinkedHashMap<>();
    private String workingDirectory;
    private String extract;
    private long timeoutSeconds = 60;

    private PropsBuilder(List<String> command) {
      this.command = command;
    }

    /** A plain environment variable. */
    public PropsBuilder env(String name, String value) {
      env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** A secret environment variable: encrypted in state, masked in messages. */
    public PropsBuilder secretEnv(String name, Secret value) {
      secretEnv.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Where to run, relative to the project folder. */
    public PropsBuilder workingDirectory(String directory) {
      this.workingDirectory = directory;
      return this;
    }

    /** The regular expression whose first group (or whole match) becomes the value. */
    public PropsBuilder extract(String regex) {
      this.extract = regex;
      return this;
    }

    /** How long to wait for a matching line; one minute by default. */
    public PropsBuilder timeout(Duration timeout) {
      this.timeoutSeconds = Math.max(1, timeout.toSeconds());
      return this;
    }

    /** The props. */
    public Props build() {
      return new Props(command, env, secretEnv, workingDirectory, extract, timeoutSeconds);
    }
  }

  /** {@code text} without the secret env values and without Alchemy's own passwords. */
  private static String masked(ResourceContext context, Props props, String text) {
    return context.secretMask().apply(Secret.maskIn(text, props.secretEnv().values()));
  }
}
