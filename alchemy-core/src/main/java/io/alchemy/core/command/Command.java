package io.alchemy.core.command;

import io.alchemy.core.Alchemy;
import io.alchemy.core.Scope;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.Live;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.TypedResourceProvider;
import io.alchemy.core.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as a resource: a create command, an optional update command and an optional
 * delete command, each an argument list (never one shell string, so nothing is re-parsed). A
 * non-zero exit fails the resource with the command's last lines of output. Without an update
 * command, changed props replace the resource: the new create runs, then the old delete.
 *
 * <p>Values of {@link Secret} environment variables reach the process only: they are encrypted in
 * state, and replaced by {@code ****} wherever the command's own output repeats them.
 *
 * <pre>{@code
 * Command.Output migrated = Command.declare(scope, "migrate", Command.props("./migrate.sh", "up")
 *     .delete("./migrate.sh", "down")
 *     .secretEnv("DB_PASSWORD", dbPassword)
 *     .workingDirectory("db")
 *     .build());
 * }</pre>
 */
public final class Command extends TypedResourceProvider<Command.Props, Command.Output> {

  /** The type name recorded in state. */
  public static final String TYPE = "command::Command";

  /** The most of a command's standard output kept as its output, in characters. */
  public static final int OUTPUT_LIMIT = 16 * 1024;

  private static final int FAILURE_LINES = 20;
  private static final Command INSTANCE = new Command();

  /** The provider; {@link java.util.ServiceLoader} needs this public constructor. */
  public Command() {
    super(TYPE, Props.class, Output.class);
  }

  /**
   * The commands and how to run them. Build with {@link Command#props(String...)}.
   *
   * @param create the create command and its arguments
   * @param update the update command, or empty to replace on change
   * @param delete the delete command, or empty for none
   * @param env plain environment variables added to the inherited environment
   * @param secretEnv secret environment variables
   * @param workingDirectory where to run, relative to the project folder; {@code null} for it
   * @param timeoutSeconds how long one command may run
   */
  public record Props(
      List<String> create,
      List<String> update,
      List<String> delete,
      Map<String, String> env,
      Map<String, Secret> secretEnv,
      String workingDirectory,
      long timeoutSeconds) {

    /** Copies the collections and checks the create command. */
    public Props {
      if (create == null || create.isEmpty()) {
        throw new IllegalArgumentException("a Command needs a create command");
      }
      create = List.copyOf(create);
      update = update == null ? List.of() : List.copyOf(update);
      delete = delete == null ? List.of() : List.copyOf(delete);
      env = env == null ? Map.of() : Map.copyOf(env);
      secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
      if (timeoutSeconds <= 0) {
        throw new IllegalArgumentException("a Command's timeout must be positive");
      }
    }
  }

  /**
   * What the last command printed.
   *
   * @param exitCode its exit code
   * @param stdout its standard output, trimmed, at most {@link #OUTPUT_LIMIT} characters, with
   *     secret values replaced by {@code ****}
   */
  public record Output(int exitCode, String stdout) {}

  /** Starts props with the create command and its arguments. */
  public static PropsBuilder props(String... create) {
    return new PropsBuilder(Arrays.asList(create));
  }

  /** Declares a command in {@code scope}. */
  public static Output declare(Scope scope, String id, Props props) throws Exception {
    return scope.resource(id, INSTANCE, props);
  }

  /** The provider, as {@link java.util.ServiceLoader} and {@link Scope#resource} use it. */
  public static Command provider() {
    return INSTANCE;
  }

  @Override
  public Output create(ResourceContext context, Props props) throws Exception {
    return run(context, props, props.create(), "create");
  }

  @Override
  public Output update(ResourceContext context, Props oldProps, Props newProps, Output old)
      throws Exception {
    return run(context, newProps, newProps.update(), "update");
  }

  @Override
  public void delete(ResourceContext context, Props props, Output output) throws Exception {
    if (!props.delete().isEmpty()) {
      run(context, props, props.delete(), "delete");
    }
  }

  @Override
  public boolean requiresReplacement(Props oldProps, Props newProps) {
    return newProps.update().isEmpty();
  }

  /**
   * Runs nothing: a command that succeeds exits with 0 (any other exit fails the resource), and
   * what it prints is known only once it ran.
   */
  @Override
  public Output predict(ResourceContext context, Props props, Output previous) {
    return new Output(0, Unknowns.marker(context.fqn(), "stdout"));
  }

  /**
   * Nothing to read: a command ran, and what it did is not one thing to look at. Run it again
   * with a change of its props, or by asking for its replacement.
   */
  @Override
  public Live<Props, Output> readLive(ResourceContext context, Props props, Output output) {
    return Live.notRead("a command has nothing to read: what it did is not a thing to look at");
  }

  private static Output run(ResourceContext context, Props props, List<String> command,
      String which) throws IOException, InterruptedException {
    Path directory = props.workingDirectory() == null ? context.baseDir()
        : context.resolve(Path.of(props.workingDirectory()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    // Alchemy's own password is never the child's: a command that prints its environment would
    // put it into state and logs.
    builder.environment().remove(Alchemy.PASSWORD_ENV);
    builder.environment().putAll(props.env());
    props.secretEnv().forEach((name, secret) -> builder.environment().put(name, secret.reveal()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot start the " + which + " command " + command.get(0) + " in "
          + directory + ": " + e.getMessage(), e);
    }
    process.getOutputStream().close();
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    if (!process.waitFor(props.timeoutSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IOException("the " + which + " command " + command.get(0) + " did not finish in "
          + Duration.ofSeconds(props.timeoutSeconds()) + " and was stopped");
    }
    String out = masked(context, props, stdout.join());
    int exit = process.exitValue();
    if (exit != 0) {
      String err = masked(context, props, stderr.join());
      throw new IOException("the " + which + " command " + command.get(0) + " exited with "
          + exit + "; its last lines of output:\n" + lastLines(out + "\n" + err));
    }
    String trimmed = out.strip();
    return new Output(exit, trimmed.length() > OUTPUT_LIMIT
        ? trimmed.substring(0, OUTPUT_LIMIT) : trimmed);
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stream.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static String lastLines(String text) {
    List<String> lines = new ArrayList<>(text.strip().lines().toList());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - FAILURE_LINES),
        lines.size()));
  }

  /** Builds {@link Props}; only the create command is required. */
  public static final class PropsBuilder {
    private final List<String> create;
    private List<String> update = List.of();
    private List<String> delete = List.of();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Secret> secretEnv = new LinkedHashMap<>();
    private String workingDirectory;
    private long timeoutSeconds = 600;

    private PropsBuilder(List<String> create) {
      this.create = create;
    }

    /** The command that changes the resource in place when its props change. */
    public PropsBuilder update(String... command) {
      this.update = Arrays.asList(command);
      return this;
    }

    /** The command that deletes the resource. */
    public PropsBuilder delete(String... command) {
      this.delete = Arrays.asList(command);
      return this;
    }

    /** A plain environment variable. */
    public PropsBuilder env(String name, String value) {
      env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** A secret environment variable: never in logs, encrypted in state. */
    public PropsBuilder secretEnv(String name, Secret value) {
      secretEnv.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Where to run, relative to the project folder. */
    public PropsBuilder workingDirectory(String directory) {
      this.workingDirectory = directory;
      return this;
    }

    /** How long one command may run; ten minutes by default. */
    public PropsBuilder timeout(Duration timeout) {
      this.timeoutSeconds = Math.max(1, timeout.toSeconds());
      return this;
    }

    /** The props. */
    public Props build() {
      return new Props(create, update, delete, env, secretEnv, workingDirectory, timeoutSeconds);
    }
  }

  /** {@code text} without the secret env values and without Alchemy's own passwords. */
  private static String masked(ResourceContext context, Props props, String text) {
    return context.secretMask().apply(Secret.maskIn(text, props.secretEnv().values()));
  }
}
