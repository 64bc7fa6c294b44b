package io.alchemy.core;

import io.alchemy.core.state.FileSystemStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** Runs definitions against a stage kept in a test's temporary folder. */
public final class Stages {

  private final Path root;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  private final io.alchemy.core.secret.Secret password;

  /** Stages under {@code root}: state in {@code root/state}, files relative to {@code root}. */
  public Stages(Path root) {
    this(root, null);
  }

  /** As {@link #Stages(Path)}, every run with the app password {@code password}. */
  public Stages(Path root, io.alchemy.core.secret.Secret password) {
    this.root = root;
    this.password = password;
  }

  /** A builder for app {@code my-app}, stage {@code dev}, state and base dir in the temp folder. */
  public Alchemy.Builder builder() {
    return Alchemy.builder().app("my-app").stage("dev").stateDir(stateDir()).baseDir(root)
        .password(password)
        .listener(new RunListener() {
          @Override
          public void resourceFinished(ResourceReport report) {
            log.add(report.action().past() + " " + report.fqn());
          }

          @Override
          public void warning(String message) {
            log.add("WARNING " + message);
          }
        });
  }

  /** Deploys {@code definition} to {@code dev}. */
  public RunResult up(InfrastructureDefinition definition) {
    return builder().build().run(definition);
  }

  /** Runs {@code definition} in {@code phase} on {@code dev}. */
  public RunResult run(Phase phase, InfrastructureDefinition definition) {
    return builder().phase(phase).build().run(definition);
  }

  /** What the listener saw, e.g. {@code created my-app/dev/api}. */
  public List<String> log() {
    return log;
  }

  /** The state root. */
  public Path stateDir() {
    return root.resolve("state");
  }

  /** The folder of a stage of {@code my-app}. */
  public Path stageDir(String stage) {
    return new FileSystemStateStore(stateDir()).stageDir("my-app", stage);
  }

  /** A path in the temp folder. */
  public Path file(String relative) {
    return root.resolve(relative);
  }

  /** Every file under the state folder with its bytes, to prove nothing changed. */
  public String snapshotOfState() throws IOException {
    if (!Files.exists(stateDir())) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(stateDir())) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        if (p.getFileName().toString().endsWith(".lock")) {
          continue;
        }
        out.append(stateDir().relativize(p)).append('\n')
            .append(Files.readString(p)).append('\n');
      }
    }
    return out.toString();
  }
}
