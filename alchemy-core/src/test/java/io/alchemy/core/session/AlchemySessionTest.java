package io.alchemy.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.RunResult;
import io.alchemy.core.ScopeOptions;
import io.alchemy.core.Stages;
import io.alchemy.core.fs.TextFile;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.StateLockedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlchemySessionTest {

  @TempDir
  Path dir;

  private static InfrastructureDefinition file(String content) {
    return scope -> TextFile.declare(scope, "page", TextFile.props("page.txt", content));
  }

  private Alchemy alchemy(Stages stages) {
    return stages.builder().local(true).build();
  }

  @Test
  void runsOfOneSessionSeeEachOthersState() throws Exception {
    Stages stages = new Stages(dir);
    try (AlchemySession session = alchemy(stages).openSession()) {
      RunResult first = session.run(file("one"));
      assertThat(first.created()).isEqualTo(1);
      RunResult second = session.run(file("one"));
      assertThat(second.unchanged()).isEqualTo(1);
      assertThat(second.created()).isZero();
      RunResult third = session.run(file("two"));
      assertThat(third.updated()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("page.txt"))).isEqualTo("two");
      // A scope value written by one run is read by the next.
      List<String> seen = new ArrayList<>();
      session.run(scope -> {
        seen.add(scope.get("count", Integer.class).map(String::valueOf).orElse("none"));
        scope.set("count", 1);
        TextFile.declare(scope, "page", TextFile.props("page.txt", "two"));
      });
      session.run(scope -> {
        seen.add(scope.get("count", Integer.class).map(String::valueOf).orElse("none"));
        TextFile.declare(scope, "page", TextFile.props("page.txt", "two"));
      });
      assertThat(seen).containsExactly("none", "1");
      // Dropping the resource deletes it as an orphan, and the next run does not see it.
      assertThat(session.run(scope -> {}).deleted()).isEqualTo(1);
      assertThat(session.run(scope -> {}).deleted()).isZero();
      assertThat(dir.resolve("page.txt")).doesNotExist();
    }
    // What the session wrote is in state for a plain run afterwards.
    assertThat(alchemy(stages).run(file("three")).created()).isEqualTo(1);
  }

  @Test
  void secretsOfEveryRunUseTheSessionsPasswordsAndAWrongOneStillFails() throws Exception {
    Stages stages = new Stages(dir);
    try (AlchemySession session = stages.builder().local(true)
        .password(Secret.of("app-pw-1")).build().openSession()) {
      for (String password : List.of("child-pw-1", "child-pw-1")) {
        session.run(scope -> {
          scope.set("token", scope.secret("app-secret-value"));
          scope.run("child", ScopeOptions.defaults().password(Secret.of(password)),
              child -> child.set("token", child.secret("child-secret-value")));
        });
      }
      // Another password for the child than the one its secrets were sealed with.
      assertThatThrownBy(() -> session.run(scope -> scope.run("child",
          ScopeOptions.defaults().password(Secret.of("child-pw-2")), child -> { })))
          .isInstanceOf(DeploymentFailedException.class)
          .hasMessageContaining("Wrong password for scope");
      List<String> read = new ArrayList<>();
      session.run(scope -> {
        read.add(scope.get("token", Secret.class).orElseThrow().reveal());
        scope.run("child", ScopeOptions.defaults().password(Secret.of("child-pw-1")),
            child -> read.add(child.get("token", Secret.class).orElseThrow().reveal()));
      });
      assertThat(read).containsExactly("app-secret-value", "child-secret-value");
    }
  }

  @Test
  void theLockIsHeldUntilTheSessionCloses() {
    Stages stages = new Stages(dir);
    AlchemySession session = alchemy(stages).openSession();
    try {
      session.run(file("one"));
      assertThatThrownBy(() -> alchemy(stages).openSession())
          .isInstanceOf(StateLockedException.class)
          .hasMessageContaining("is locked by another run");
      assertThatThrownBy(() -> alchemy(stages).run(file("one")))
          .isInstanceOf(StateLockedException.class);
    } finally {
      session.close();
    }
    assertThat(session.isClosed()).isTrue();
    session.close(); // twice does nothing
    assertThatThrownBy(() -> session.run(file("one")))
        .isInstanceOf(IllegalStateException.class);
    try (AlchemySession next = alchemy(stages).openSession()) {
      assertThat(next.run(file("one")).unchanged()).isEqualTo(1);
    }
  }

  @Test
  void aFailingRunDoesNotEndTheSession() throws Exception {
    Stages stages = new Stages(dir);
    List<String> cleanups = new ArrayList<>();
    try (AlchemySession session = alchemy(stages).openSession()) {
      session.run(file("one"));
      assertThatThrownBy(() -> session.run(scope -> {
        scope.onCleanup(() -> cleanups.add("failed run"));
        throw new IllegalStateException("broken edit");
      })).isInstanceOf(DeploymentFailedException.class).hasMessageContaining("broken edit");
      // The failed run deleted nothing: the previous deployment is untouched.
      assertThat(Files.readString(dir.resolve("page.txt"))).isEqualTo("one");
      assertThat(cleanups).isEmpty(); // the session's handlers run when it ends
      RunResult fixed = session.run(file("two"));
      assertThat(fixed.updated()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("page.txt"))).isEqualTo("two");
      assertThatThrownBy(() -> alchemy(stages).openSession())
          .isInstanceOf(StateLockedException.class);
    }
    assertThat(cleanups).containsExactly("failed run");
    try (AlchemySession next = alchemy(stages).openSession()) {
      assertThat(next.run(file("two")).unchanged()).isEqualTo(1);
    }
  }

  @Test
  void cleanupHandlersOfEveryRunRunOnceWhenTheSessionEnds() {
    Stages stages = new Stages(dir);
    List<String> ran = new ArrayList<>();
    AlchemySession session = alchemy(stages).openSession();
    for (String run : new String[] {"first", "second"}) {
      session.run(scope -> {
        scope.onCleanup(() -> ran.add(run + " a"));
        scope.onCleanup(() -> {
          throw new IllegalStateException("tunnel gone");
        });
        scope.onCleanup(() -> ran.add(run + " b"));
      });
      // A tunnel opened by the definition outlives each redeploy.
      assertThat(ran).isEmpty();
    }
    session.close();
    session.close();
    assertThat(ran).containsExactly("second b", "second a", "first b", "first a");
    assertThat(stages.log()).filteredOn(l -> l.contains("cleanup handler failed")).hasSize(2);
  }
}
