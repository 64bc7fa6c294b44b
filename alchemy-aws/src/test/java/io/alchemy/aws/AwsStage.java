package io.alchemy.aws;

import io.alchemy.core.credentials.S3Endpoint;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.JsonLinesListener;
import io.alchemy.core.Phase;
import io.alchemy.core.PrintStreamListener;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.credentials.AwsCredentials;
import io.alchemy.core.credentials.ProviderCredentials;
import io.alchemy.core.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Full runs of definitions against the test server, with app {@code my-app}, stage {@code dev},
 * state and project directory in a test's temporary folder.
 */
final class AwsStage {

  /** Looks like a real secret access key, so a leak of it would be found by a grep. */
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY1";
  static final AwsCredentials AWS =
      new AwsCredentials("AKIAIOSFODNN7EXAMPLE", Secret.of(SECRET_KEY), "us-east-1");

  private static final AtomicInteger NAMES = new AtomicInteger();

  private final Path dir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream consoleStream = new PrintStream(console, true, StandardCharsets.UTF_8);
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());

  AwsStage(Path dir) {
    this.dir = dir;
  }

  /** A bucket name no other test uses, ending with {@code suffix}. */
  static String unique(String suffix) {
    return "t" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100000 + "-" + suffix;
  }

  Alchemy.Builder builder() {
    RunListener recording = new RunListener() {
      @Override
      public void resourceFinished(ResourceReport report) {
        log.add(report.action().past() + " " + report.fqn());
      }
    };
    return Alchemy.builder().app("my-app").stage("dev").stateDir(dir.resolve("state"))
        .baseDir(dir)
        .credentials(ProviderCredentials.of(AWS, S3Endpoint.of(S3TestServer.endpoint())))
        .listener(RunListener.both(recording, RunListener.both(
            new PrintStreamListener(consoleStream), new JsonLinesListener(consoleStream))));
  }

  RunResult up(InfrastructureDefinition definition) {
    return builder().build().run(definition);
  }

  RunResult adopt(InfrastructureDefinition definition) {
    return builder().adopt(true).build().run(definition);
  }

  RunResult destroy(InfrastructureDefinition definition) {
    return builder().phase(Phase.DESTROY).build().run(definition);
  }

  RunResult read(InfrastructureDefinition definition) {
    return builder().phase(Phase.READ).build().run(definition);
  }

  /** What the listener saw, e.g. {@code created my-app/dev/images}. */
  List<String> log() {
    return List.copyOf(log);
  }

  /** Everything the log and JSON-lines listeners printed. */
  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  Path dir() {
    return dir;
  }

  /** Every state file's name and content. */
  String state() throws IOException {
    Path state = dir.resolve("state");
    if (!Files.exists(state)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(state)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        out.append(state.relativize(p)).append('\n')
            .append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
      }
    }
    return out.toString();
  }
}
