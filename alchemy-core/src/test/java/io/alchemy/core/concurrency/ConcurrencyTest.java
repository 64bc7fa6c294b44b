package io.alchemy.core.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.BranchFailedException;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.JsonLinesListener;
import io.alchemy.core.Pending;
import io.alchemy.core.Phase;
import io.alchemy.core.ResourceFailedException;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.Scope;
import io.alchemy.core.Stages;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.StageState;
import io.alchemy.core.state.StateJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured concurrency: what {@code async}, {@code forEach} and {@code map} record as each
 * resource's predecessors, how many provider calls run at once, the order of deletions, and what
 * a failing branch stops.
 */
class ConcurrencyTest {

  @TempDir Path dir;

  private final DependentThings things = new DependentThings();

  /** Declares thing {@code id} in {@code scope}, made from {@code uses}, taking {@code millis}. */
  private String thing(Scope scope, String id, int millis, String... uses) throws Exception {
    String name = scope.fqn(id).substring("my-app/dev/".length());
    DependentThings.Output output = scope.resource(id, things,
        new DependentThings.Props(name, List.of(uses), millis, null));
    return output == null ? null : output.name();
  }

  private Stages stages;

  private Alchemy.Builder stage(int parallelism) {
    if (stages == null) {
      stages = new Stages(dir);
    }
    return stages.builder().parallelism(parallelism);
  }

  private void up(int parallelism, InfrastructureDefinition definition) {
    stage(parallelism).build().run(definition);
  }

  private void destroy(int parallelism, InfrastructureDefinition definition) {
    stage(parallelism).phase(Phase.DESTROY).build().run(definition);
  }

  /** Destroys from state alone: the definition declares one thing, so its provider is known. */
  private void destroy(int parallelism) {
    destroy(parallelism, stage -> thing(stage, "known", 0));
  }

  /** Each record's predecessors by address, sorted. */
  private Map<String, List<String>> predecessors() {
    Map<String, List<String>> all = new TreeMap<>();
    for (ResourceRecord record : records().values()) {
      all.put(record.address(), record.predecessors());
    }
    return all;
  }

  private Map<String, ResourceRecord> records() {
    try (StageState state = new FileSystemStateStore(dir.resolve("state"))
        .open("my-app", "dev", AccessMode.READ, Duration.ZERO)) {
      return state.resources();
    }
  }

  // --- what is recorded -------------------------------------------------------------------------

  @Test
  void sequentialCodeRecordsAChainAcrossScopes() {
    up(10, stage -> {
      thing(stage, "a", 0);
      stage.run("child", c -> thing(c, "b", 0, "a"));
      thing(stage, "c", 0, "child/b");
    });
    assertThat(predecessors()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "a", List.of(),
        "child/b", List.of("a"),
        "c", List.of("child/b"))));
  }

  @Test
  void aBranchStartsAfterWhatCameBeforeItAndGetJoinsIt() {
    up(10, stage -> {
      String a = thing(stage, "a", 0);
      Pending<String> b = stage.async(s -> {
        String b1 = thing(s, "b1", 20, a);
        return thing(s, "b2", 0, b1);
      });
      // Beside the branch: after a, not after anything in it.
      String c = thing(stage, "c", 0, a);
      String b2 = b.get();
      thing(stage, "d", 0, b2, c);
    });
    assertThat(predecessors()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "a", List.of(),
        "b1", List.of("a"),
        "b2", List.of("b1"),
        "c", List.of("a"),
        "d", List.of("b2", "c"))));
  }

  @Test
  void forEachJoinsEveryItemAndNestedWorkKeepsItsOrder() {
    up(10, stage -> {
      String base = thing(stage, "base", 0);
      List<String> tops = stage.map(List.of("eu", "us"), (s, region) -> s.call(region, r -> {
        String first = thing(r, "first", 5, base);
        // Nested: two branches inside a branch, joined by the scope's end.
        r.async(x -> thing(x, "left", 5, first));
        r.async(x -> thing(x, "right", 5, first));
        return first;
      }));
      thing(stage, "after", 0, tops.toArray(String[]::new));
    });
    Map<String, List<String>> expected = new TreeMap<>();
    expected.put("base", List.of());
    for (String region : List.of("eu", "us")) {
      expected.put(region + "/first", List.of("base"));
      expected.put(region + "/left", List.of(region + "/first"));
      expected.put(region + "/right", List.of(region + "/first"));
    }
    // The scope's end joined left and right; the map joined both regions.
    expected.put("after", List.of("eu/left", "eu/right", "us/left", "us/right"));
    assertThat(predecessors()).containsExactlyEntriesOf(expected);
  }

  @Test
  void aBranchThatDeclaresNothingAddsNoPredecessor() {
    up(10, stage -> {
      thing(stage, "a", 0);
      stage.async(s -> "nothing declared").get();
      stage.forEach(List.of(1, 2), (s, i) -> { });
      thing(stage, "b", 0);
    });
    assertThat(predecessors()).containsEntry("b", List.of("a"));
  }

  @Test
  void aNoOpRunWritesNothingAndAChangedOrderIsRecordedWithoutProviderCalls() throws Exception {
    Stages stages = new Stages(dir);
    InfrastructureDefinition sequential = stage -> {
      thing(stage, "a", 0);
      thing(stage, "b", 0);
    };
    up(10, sequential);
    String before = stages.snapshotOfState();
    things.reset();
    up(10, sequential);
    assertThat(stages.snapshotOfState()).isEqualTo(before);
    up(10, stage -> {
      Pending<String> a = stage.async(s -> thing(s, "a", 0));
      thing(stage, "b", 0);
      a.get();
    });
    assertThat(things.calls).isEmpty();
    assertThat(predecessors()).containsEntry("b", List.of()).containsEntry("a", List.of());
  }

  @Test
  void jsonEventsCarryPredecessors() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stage(10).listener(new JsonLinesListener(new PrintStream(out, true, StandardCharsets.UTF_8)))
        .build().run(stage -> {
          thing(stage, "a", 0);
          thing(stage, "b", 0);
        });
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("\"fqn\":\"my-app/dev/b\",\"type\":\"test::DependentThing\",\"action\":"
            + "\"created\"")
        .contains("\"predecessors\":[\"my-app/dev/a\"]");
  }

  // --- how many at once -------------------------------------------------------------------------

  @Test
  void neverMoreProviderCallsAtOnceThanTheParallelismAndOverlapWhenAllowed() {
    InfrastructureDefinition wide = stage -> stage.forEach(
        IntStream.range(0, 6).boxed().toList(), (s, group) -> s.run("g" + group, g -> {
          String previous = null;
          for (int i = 0; i < 4; i++) {
            previous = previous == null ? thing(g, "t" + i, 15) : thing(g, "t" + i, 15, previous);
          }
        }));
    up(3, wide);
    assertThat(things.mostInFlight()).isEqualTo(3);
    things.reset();
    destroy(3, wide);
    assertThat(things.mostInFlight()).isEqualTo(3);
    assertThat(things.things).isEmpty();
  }

  @Test
  void parallelismOneRunsEveryBranchWhereItIsStartedInTheOrderWritten() {
    List<String> order = new ArrayList<>();
    up(1, stage -> {
      stage.async(s -> order.add("branch"));
      order.add("after async");
      stage.forEach(List.of("x", "y"), (s, item) -> thing(s, item, 5));
    });
    assertThat(order).containsExactly("branch", "after async");
    assertThat(things.calls).containsExactly("create x", "create y");
    assertThat(things.mostInFlight()).isEqualTo(1);
  }

  // --- deletion order ---------------------------------------------------------------------------

  @Test
  void destroyNeverDeletesWhatSomethingLaterStillUsesWhateverTheShape() {
    // A random graph of real data dependencies, built with async, get and forEach: deleting a
    // thing something still uses fails, so any wrong order fails the run.
    for (int seed = 0; seed < 8; seed++) {
      Random random = new Random(seed);
      List<Pending<String>> made = new ArrayList<>();
      up(8, stage -> {
        List<String> known = new ArrayList<>();
        known.add(thing(stage, "root", 0));
        for (int i = 0; i < 30; i++) {
          String uses = known.get(random.nextInt(known.size()));
          String id = "t" + i;
          if (random.nextBoolean()) {
            Pending<String> p = stage.async(s -> thing(s, id, random.nextInt(4), uses));
            made.add(p);
            if (random.nextInt(3) == 0) {
              known.add(p.get());
            }
          } else {
            known.add(thing(stage, id, 0, uses));
          }
        }
      });
      things.reset();
      destroy(8);
      assertThat(things.things).as("seed " + seed).isEmpty();
      assertThat(records()).isEmpty();
    }
  }

  @Test
  void orphansGoInReverseOrderInParallelAndOldInstancesAfterWhatCameAfterThem() {
    up(4, stage -> {
      String base = thing(stage, "base", 0);
      stage.forEach(List.of("p", "q"), (s, name) -> s.run(name, c -> {
        String one = thing(c, "one", 10, base);
        thing(c, "two", 10, one);
      }));
    });
    things.reset();
    up(4, stage -> thing(stage, "base", 0));
    assertThat(things.things).containsOnlyKeys("base");
    // Both branches at once: each one's last thing first, then the rest.
    assertThat(things.calls.subList(0, 2)).containsExactlyInAnyOrder("delete p/two",
        "delete q/two");
    assertThat(things.calls.subList(2, 4)).containsExactlyInAnyOrder("delete p/one",
        "delete q/one");
    assertThat(things.mostInFlight()).isEqualTo(2);
  }

  @Test
  void aFailedDeletionKeepsWhatCameBeforeItAndUnrelatedDeletionsGoOn() {
    up(4, stage -> {
      stage.forEach(List.of("p", "q", "r"), (s, name) -> s.run(name, c -> {
        String one = thing(c, "one", 0);
        thing(c, "two", 0, one);
      }));
    });
    things.failDelete.add("p/two");
    things.failDelete.add("q/two");
    things.reset();
    DeploymentFailedException e = catchThrowableOfType(DeploymentFailedException.class,
        () -> destroy(4));
    assertThat(e).hasMessageContaining("2 deletions failed: my-app/dev/p/two (delete of p/two"
        + " refused); my-app/dev/q/two (delete of q/two refused).");
    assertThat(things.things).containsOnlyKeys("p/one", "p/two", "q/one", "q/two");
    assertThat(records()).containsOnlyKeys("p/one", "p/two", "q/one", "q/two");
    assertThat(stages.log()).contains("WARNING 2 deletion(s) did not start, because something"
        + " that came after them could not be deleted: my-app/dev/p/one, my-app/dev/q/one. They"
        + " stay in state for the next run.");
  }

  // --- failure ----------------------------------------------------------------------------------

  @Test
  void aFailingBranchFailsItsScopeStopsNewCallsThereAndRunningCallsAreRecorded() {
    up(4, stage -> {
      thing(stage, "orphan", 0);
    });
    things.reset();
    DeploymentFailedException e = catchThrowableOfType(DeploymentFailedException.class,
        () -> up(4, stage -> {
          Pending<String> slow = stage.async(s -> thing(s, "slow", 200));
          stage.async(s -> s.resource("bad", things,
              new DependentThings.Props("bad", List.of(), 0, "no quota left")));
          Thread.sleep(100);
          // After the failure: not started.
          stage.async(s -> thing(s, "late", 0));
          slow.get();
        }));
    assertThat(e.fqn()).isEqualTo("my-app/dev");
    assertThat(e).hasMessageContaining("no quota left");
    assertThat(e.getCause()).isInstanceOf(ResourceFailedException.class);
    // The running call finished and is recorded; nothing new started; no orphan deleted.
    assertThat(things.calls).containsExactly("create slow");
    assertThat(records()).containsKeys("slow", "orphan").doesNotContainKey("late");
    assertThat(things.things).containsKey("orphan");
  }

  @Test
  void aFailingChildScopeLetsItsSiblingsFinishAndTheRunFails() {
    DeploymentFailedException e = catchThrowableOfType(DeploymentFailedException.class,
        () -> up(4, stage -> stage.forEach(List.of("eu", "us"), (s, region) ->
            s.run(region, r -> {
              if (region.equals("eu")) {
                throw new IllegalStateException("eu is down");
              }
              String previous = thing(r, "us1", 30);
              previous = thing(r, "us2", 30, previous);
              thing(r, "us3", 30, previous);
            }))));
    assertThat(e.fqn()).isEqualTo("my-app/dev/eu");
    assertThat(e).hasMessageContaining("eu is down");
    assertThat(things.calls).containsExactly("create us/us1", "create us/us2",
        "create us/us3");
  }

  @Test
  void getRethrowsTheBranchFailureNamingItsScope() {
    AtomicBoolean caught = new AtomicBoolean();
    catchThrowableOfType(DeploymentFailedException.class, () -> up(4, stage ->
        stage.run("api", api -> {
          Pending<String> p = api.async(s -> {
            throw new IllegalArgumentException("bad input");
          });
          try {
            p.get();
          } catch (BranchFailedException e) {
            caught.set(e.scopeFqn().equals("my-app/dev/api")
                && e.getMessage().equals("Work started in scope my-app/dev/api failed: bad input")
                && e.getCause() instanceof IllegalArgumentException);
          }
        })));
    assertThat(caught).isTrue();
  }

  @Test
  void aScopeBodyReturnsOnlyAfterTheWorkItStartedAndNothingOutlivesTheRun()
      throws InterruptedException {
    AtomicBoolean finishedBeforeReturn = new AtomicBoolean();
    up(4, stage -> {
      AtomicBoolean done = new AtomicBoolean();
      stage.run("child", c -> {
        for (int i = 0; i < 8; i++) {
          String id = "slow" + i;
          c.async(s -> {
            thing(s, id, 30);
            done.set(true);
            return null;
          });
        }
      });
      finishedBeforeReturn.set(done.get());
    });
    assertThat(finishedBeforeReturn).isTrue();
    assertThat(records()).containsKey("child/slow7");
    // The workers end with the run (they are told to; give them a moment to go).
    for (int i = 0; i < 100 && !workerThreads().isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(workerThreads()).isEmpty();
  }

  private static List<String> workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("alchemy-dev")).toList();
  }

  @Test
  void destroyAndReadRunBranchesToo() {
    List<String> seen = new ArrayList<>();
    InfrastructureDefinition definition = stage -> {
      Pending<String> a = stage.async(s -> thing(s, "a", 0));
      seen.add(stage.phase() + " " + a.get());
    };
    up(4, definition);
    stage(4).phase(Phase.READ).listener(RunListener.NONE).build().run(definition);
    destroy(4, definition);
    assertThat(seen).containsExactly("UP a", "READ a", "DESTROY a");
    assertThat(things.things).isEmpty();
  }

  @Test
  void everyEventLineIsWholeAndTheSummaryCountsAreExact() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InfrastructureDefinition fifty = stage -> stage.forEach(
        IntStream.range(0, 50).boxed().toList(), (s, i) -> thing(s, "t" + i, 2));
    RunResult result = stage(10)
        .listener(new JsonLinesListener(new PrintStream(out, true, StandardCharsets.UTF_8)))
        .build().run(fifty);
    assertThat(result.created()).isEqualTo(50);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(50);
    for (String line : lines) {
      assertThat(StateJson.mapper().readTree(line).path("action").asText()).isEqualTo("created");
    }
    assertThat(things.mostInFlight()).isGreaterThan(1);
  }

  @Test
  void aSessionRunsBranchesOnEveryRedeploy() {
    InfrastructureDefinition two = stage -> stage.forEach(List.of("a", "b"),
        (s, id) -> thing(s, id, 5));
    try (AlchemySession session = stage(10).build().openSession()) {
      assertThat(session.run(two).created()).isEqualTo(2);
      assertThat(session.run(two).unchanged()).isEqualTo(2);
      assertThat(session.run(stage -> thing(stage, "a", 0)).deleted()).isEqualTo(1);
    }
    assertThat(things.things).containsOnlyKeys("a");
  }
}
