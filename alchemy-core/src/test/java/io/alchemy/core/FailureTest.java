package io.alchemy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's error handling: failed scopes and their ancestors delete no orphans. */
class FailureTest {

  @TempDir Path dir;

  private final CountingProvider things = new CountingProvider();

  private void thing(Scope scope, String id) throws Exception {
    scope.resource(id, things, new CountingProvider.Props(scope.fqn(id), "v"));
  }

  private void deployTwoScopesWithTwoThingsEach(Stages stages) {
    stages.up(stage -> {
      thing(stage, "top");
      stage.run("failing-service", s -> {
        thing(s, "a");
        thing(s, "b");
      });
      stage.run("healthy", s -> {
        thing(s, "c");
        thing(s, "d");
      });
    });
    things.calls.clear();
  }

  @Test
  void aDefinitionThatThrowsDeletesNothingAndNamesTheScope() throws Exception {
    Stages stages = new Stages(dir);
    deployTwoScopesWithTwoThingsEach(stages);
    String before = stages.snapshotOfState();
    DeploymentFailedException e = catchThrowableOfType(DeploymentFailedException.class, () ->
        stages.up(stage -> stage.run("failing-service", s -> {
          throw new IllegalStateException("invalid-path.ts not found");
        })));
    assertThat(e).hasMessage("Scope my-app/dev/failing-service failed: invalid-path.ts not found."
        + " No orphans were deleted in the failed scope or its parents; fix the cause and run"
        + " again, unfinished work is picked up from state.");
    assertThat(e.fqn()).isEqualTo("my-app/dev/failing-service");
    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    assertThat(things.calls).isEmpty();
    assertThat(stages.snapshotOfState()).isEqualTo(before);
    assertThat(stages.log()).anyMatch(l -> l.startsWith("WARNING The definition failed"));
  }

  @Test
  void aCaughtFailureSkipsOrphansOfTheScopeAndItsAncestorsOnly() {
    Stages stages = new Stages(dir);
    deployTwoScopesWithTwoThingsEach(stages);
    // Second run: drops "top", "failing-service/b" and "healthy/d"; failing-service fails but
    // the definition catches it, as the seed's example does.
    assertThatThrownBy(() -> stages.up(stage -> {
      try {
        stage.run("failing-service", s -> {
          thing(s, "a");
          try {
            s.resource("broken", things, new CountingProvider.Props("x", "v", true));
          } catch (ResourceFailedException error) {
            s.fail();
            throw error;
          }
        });
      } catch (ResourceFailedException expected) {
        // the rest of the stage still deploys
      }
      stage.run("healthy", s -> thing(s, "c"));
    })).isInstanceOf(DeploymentFailedException.class)
        .hasMessageStartingWith("Scope my-app/dev/failing-service failed: Resource"
            + " my-app/dev/failing-service/broken (test::Thing) failed while creating: cannot"
            + " create x.");
    assertThat(things.calls).containsExactly("create x", "delete my-app/dev/healthy/d");
    assertThat(things.things).containsKeys("my-app/dev/top", "my-app/dev/failing-service/b");
  }

  @Test
  void failWithoutThrowingStillFailsTheRunAndKeepsOrphans() {
    Stages stages = new Stages(dir);
    deployTwoScopesWithTwoThingsEach(stages);
    assertThatThrownBy(() -> stages.up(stage -> stage.run("failing-service", s -> s.fail())))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageStartingWith("Scope my-app/dev/failing-service failed: the scope called fail().");
    // healthy was not entered; its owner is the stage, an ancestor of the failed scope.
    assertThat(things.calls).isEmpty();
  }

  @Test
  void cleanupHandlersRunOnFailureInReverseAndOneFailureDoesNotStopTheOthers() {
    Stages stages = new Stages(dir);
    List<String> order = new ArrayList<>();
    assertThatThrownBy(() -> stages.up(stage -> {
      stage.onCleanup(() -> order.add("first"));
      stage.onCleanup(() -> {
        throw new IllegalStateException("tunnel already closed");
      });
      stage.onCleanup(() -> order.add("third"));
      throw new IllegalStateException("boom");
    })).isInstanceOf(DeploymentFailedException.class);
    assertThat(order).containsExactly("third", "first");
    assertThat(stages.log()).contains(
        "WARNING A cleanup handler failed: tunnel already closed; the other handlers still ran.");
  }

  @Test
  void failedDeferredWorkFailsItsScope() {
    Stages stages = new Stages(dir);
    deployTwoScopesWithTwoThingsEach(stages);
    assertThatThrownBy(() -> stages.up(stage -> stage.run("healthy", s -> s.defer(() -> {
      throw new IllegalStateException("late");
    })))).isInstanceOf(DeploymentFailedException.class)
        .hasMessageStartingWith("Scope my-app/dev/healthy failed: late.");
    assertThat(things.calls).isEmpty();
  }

  @Test
  void theResultOfAFailedRunTellsWhatWasDone() {
    Stages stages = new Stages(dir);
    DeploymentFailedException e = catchThrowableOfType(DeploymentFailedException.class, () ->
        stages.up(stage -> {
          thing(stage, "made");
          throw new IllegalStateException("boom");
        }));
    assertThat(e.result().created()).isEqualTo(1);
  }
}
