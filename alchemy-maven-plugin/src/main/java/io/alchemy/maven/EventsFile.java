package io.alchemy.maven;

import io.alchemy.core.JsonLinesListener;
import io.alchemy.core.Phase;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code eventsFile} of one goal: every run event as a JSON line ({@link JsonLinesListener}),
 * then one {@code summary} line, also when the goal fails, for CI and other programs. Each goal
 * execution writes the file anew. Without an {@code eventsFile}, it does nothing.
 */
final class EventsFile implements AutoCloseable {

  private final PrintStream out;
  private final JsonLinesListener json;
  private final String app;
  private final String stage;
  private final Phase phase;
  private final Instant started = Instant.now();
  private boolean summarized;

  private EventsFile(PrintStream out, String app, String stage, Phase phase) {
    this.out = out;
    this.json = out == null ? null : new JsonLinesListener(out);
    this.app = app;
    this.stage = stage;
    this.phase = phase;
  }

  /**
   * Opens (and truncates) {@code file}, creating its parent folders.
   *
   * @param file the file, or {@code null} for none
   * @throws IOException when it cannot be created
   */
  static EventsFile open(Path file, String app, String stage, Phase phase) throws IOException {
    if (file == null) {
      return new EventsFile(null, app, stage, phase);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new EventsFile(new PrintStream(Files.newOutputStream(file), false,
        StandardCharsets.UTF_8), app, stage, phase);
  }

  /** {@code log} plus this file's listener, if there is a file. */
  RunListener around(RunListener log) {
    return json == null ? log : RunListener.both(log, json);
  }

  /**
   * Writes the summary line, once.
   *
   * @param result what the run did, or {@code null} when it failed before it could say (then all
   *     counts are zero)
   * @param failed whether the goal failed
   */
  void summary(RunResult result, boolean failed) {
    if (json == null || summarized) {
      return;
    }
    summarized = true;
    json.summary(result != null ? result
        : new RunResult(app, stage, phase, List.of(), Duration.between(started, Instant.now())),
        failed);
  }

  @Override
  public void close() {
    if (out != null) {
      out.close();
    }
  }
}
