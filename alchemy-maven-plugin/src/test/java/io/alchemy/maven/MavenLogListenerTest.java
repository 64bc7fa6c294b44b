package io.alchemy.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.alchemy.core.ResourceAction;
import io.alchemy.core.ResourceReport;
import io.alchemy.core.plan.Drift;
import io.alchemy.core.plan.PropChange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MavenLogListenerTest {

  private final RecordingLog log = new RecordingLog(false);
  private final MavenLogListener listener = new MavenLogListener(log);

  @Test
  void oneInfoLinePerResourceWithFqnTypeAndDurationAndUnchangedOnesOnlyWithDebug() {
    listener.resourceFinished(new ResourceReport("my-app/dev/storage/images", "fs::Folder",
        ResourceAction.CREATE, Duration.ofMillis(12), false));
    listener.resourceFinished(new ResourceReport("my-app/dev/api", "fs::TextFile",
        ResourceAction.UNCHANGED, Duration.ZERO, false));
    assertThat(log.lines).containsExactly(
        "INFO created   my-app/dev/storage/images (fs::Folder) 12 ms");
    RecordingLog debug = new RecordingLog(true);
    new MavenLogListener(debug).resourceFinished(new ResourceReport("my-app/dev/api",
        "fs::TextFile", ResourceAction.UNCHANGED, Duration.ZERO, false));
    assertThat(debug.lines).containsExactly("DEBUG unchanged my-app/dev/api (fs::TextFile) 0 ms");
  }

  @Test
  void quietScopesLogNoProgress() {
    listener.resourceFinished(new ResourceReport("my-app/dev/api", "fs::TextFile",
        ResourceAction.CREATE, Duration.ofMillis(3), true));
    assertThat(log.lines).isEmpty();
  }

  @Test
  void failuresAreErrorsEvenWhenQuiet() {
    listener.resourceFailed("my-app/dev/api", "fs::TextFile", ResourceAction.UPDATE,
        Duration.ofMillis(7), new IOException("disk full"));
    assertThat(log.lines).containsExactly(
        "ERROR failed    my-app/dev/api (fs::TextFile) while updating after 7 ms: disk full");
  }

  @Test
  void driftIsShownWithItsPropsUnlessTheScopeIsQuiet() {
    listener.drifted(new Drift("my-app/dev/config", "fs::TextFile", Drift.Kind.DRIFTED,
        List.of(new PropChange("content", "\"by hand\"", "\"v1\"", false))), false);
    listener.drifted(new Drift("my-app/dev/notes", "fs::TextFile", Drift.Kind.DELETED,
        List.of()), false);
    listener.drifted(new Drift("my-app/dev/quiet", "fs::TextFile", Drift.Kind.DELETED,
        List.of()), true);
    assertThat(log.lines).containsExactly(
        "INFO !   drifted   my-app/dev/config (fs::TextFile): live -> recorded",
        "INFO       content: \"by hand\" -> \"v1\"",
        "INFO !   deleted   my-app/dev/notes (fs::TextFile): deleted outside Alchemy");
  }

  @Test
  void warningsAreWarnings() {
    listener.warning("1 resource(s) that this run would delete were kept");
    assertThat(log.lines).containsExactly(
        "WARN 1 resource(s) that this run would delete were kept");
  }

  @Test
  void startingIsOnlyLoggedWithDebug() {
    listener.resourceStarting("my-app/dev/api", "fs::TextFile", ResourceAction.CREATE, false);
    assertThat(log.lines).isEmpty();

    RecordingLog debug = new RecordingLog(true);
    new MavenLogListener(debug)
        .resourceStarting("my-app/dev/api", "fs::TextFile", ResourceAction.CREATE, false);
    assertThat(debug.lines).containsExactly("DEBUG creating my-app/dev/api (fs::TextFile)");
  }
}
