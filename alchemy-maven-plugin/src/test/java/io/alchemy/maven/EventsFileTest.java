package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsFileTest {

  @TempDir Path dir;

  private List<JsonNode> lines(Path file) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> result = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      result.add(mapper.readTree(line));
    }
    return result;
  }

  @Test
  void eventsThenASummaryInFoldersThatDidNotExist() throws Exception {
    Path file = dir.resolve("ci/run/events.jsonl");
    RecordingLog log = new RecordingLog(false);
    ResourceReport report = new ResourceReport("shop/dev/api", "fs::TextFile",
        ResourceAction.CREATE, Duration.ofMillis(4), false);
    try (EventsFile events = EventsFile.open(file, "shop", "dev", Phase.UP)) {
      RunListener listener = events.around(new MavenLogListener(log));
      listener.resourceFinished(report);
      events.summary(new RunResult("shop", "dev", Phase.UP, List.of(report), Duration.ofMillis(9)),
          false);
      events.summary(null, true);
    }
    assertThat(log.lines).containsExactly("INFO created   shop/dev/api (fs::TextFile) 4 ms");
    List<JsonNode> lines = lines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("event").asText()).isEqualTo("resource");
    assertThat(lines.get(0).get("fqn").asText()).isEqualTo("shop/dev/api");
    assertThat(lines.get(1).get("event").asText()).isEqualTo("summary");
    assertThat(lines.get(1).get("created").asInt()).isEqualTo(1);
    assertThat(lines.get(1).get("failed").asBoolean()).isFalse();
  }

  @Test
  void failureBeforeAnyResultStillWritesASummary() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "left over from the previous run\n");
    try (EventsFile events = EventsFile.open(file, "shop", "prod", Phase.DESTROY)) {
      events.summary(null, true);
    }
    List<JsonNode> lines = lines(file);
    assertThat(lines).hasSize(1);
    JsonNode summary = lines.get(0);
    assertThat(summary.get("event").asText()).isEqualTo("summary");
    assertThat(summary.get("app").asText()).isEqualTo("shop");
    assertThat(summary.get("stage").asText()).isEqualTo("prod");
    assertThat(summary.get("phase").asText()).isEqualTo("DESTROY");
    assertThat(summary.get("failed").asBoolean()).isTrue();
    assertThat(summary.get("created").asInt()).isZero();
  }

  @Test
  void withoutAFileNothingIsWrittenAndTheLogListenerIsUsedAlone() throws Exception {
    RecordingLog log = new RecordingLog(false);
    MavenLogListener listener = new MavenLogListener(log);
    try (EventsFile events = EventsFile.open(null, "shop", "dev", Phase.UP)) {
      assertThat(events.around(listener)).isSameAs(listener);
      events.summary(null, true);
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }
}
