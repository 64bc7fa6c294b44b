package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.state.StateJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesListenerTest {

  @TempDir Path dir;

  @Test
  void everyEventIsOneJsonLineIncludingQuietScopesAndFailures() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonLinesListener json =
        new JsonLinesListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> human = new ArrayList<>();
    RunListener log = new RunListener() {
      @Override
      public void resourceFinished(ResourceReport report) {
        human.add(report.fqn());
      }
    };
    Stages stages = new Stages(dir);
    CountingProvider things = new CountingProvider();
    DeploymentFailedException failure = null;
    try {
      stages.builder().listener(RunListener.both(log, json)).build().run(stage -> {
        TextFile.declare(stage, "api", TextFile.props("api.txt", "x"));
        stage.run("quiet", ScopeOptions.defaults().quiet(true), q ->
            TextFile.declare(q, "hidden", TextFile.props("hidden.txt", "x")));
        stage.resource("bad", things, new CountingProvider.Props("bad", "v", true));
      });
    } catch (DeploymentFailedException e) {
      failure = e;
    }
    assertThat(failure).isNotNull();
    json.summary(failure.result(), true);
    List<JsonNode> events = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      events.add(StateJson.mapper().readTree(line));
    }
    assertThat(events).extracting(e -> e.get("event").asText())
        .containsExactly("resource", "resource", "failed", "warning", "summary");
    assertThat(events.get(1).get("fqn").asText()).isEqualTo("my-app/dev/quiet/hidden");
    assertThat(events.get(2).get("error").asText()).isEqualTo("cannot create bad");
    assertThat(events.get(4).get("created").asInt()).isEqualTo(2);
    assertThat(events.get(4).get("failed").asBoolean()).isTrue();
    assertThat(human).containsExactly("my-app/dev/api", "my-app/dev/quiet/hidden");
    assertThat(failure).hasMessageContaining("my-app/dev");
  }
}
