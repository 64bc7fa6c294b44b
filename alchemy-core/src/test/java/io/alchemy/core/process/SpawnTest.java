package io.alchemy.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.Phase;
import io.alchemy.core.RunResult;
import io.alchemy.core.Stages;
import io.alchemy.core.plan.Plan;
import io.alchemy.core.plan.Unknowns;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.secret.Secret;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.StageState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: started, found alive again, restarted, stopped; also across a JVM's exit. */
class SpawnTest {

  @TempDir Path dir;

  private final List<Long> pids = new ArrayList<>();

  @AfterEach
  void stopLeftovers() {
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(SpawnedProcesses::stopTree));
  }

  private InfrastructureDefinition server(String port) {
    return stage -> stage.run("dev-server", s -> {
      String url = s.spawn("vite", Spawn.command(FakeServer.command("serve", port)
              .toArray(String[]::new))
          .extract("Local:\\s+(http://\\S+)").build());
      s.set("url", url);
    });
  }

  private Spawn.Output recorded() {
    try (StageState state = new FileSystemStateStore(new Stages(dir).stateDir())
        .open("my-app", "dev", AccessMode.READ)) {
      var output = state.resources().get("dev-server/vite").output();
      Spawn.Output out = new Spawn.Output(output.get("pid").asLong(),
          output.get("started").asText(), output.get("value").asText(),
          output.get("logFile").asText());
      pids.add(out.pid());
      return out;
    }
  }

  @Test
  void extractsTheValueLogsTheOutputAndReusesTheLiveProcess() throws Exception {
    Stages stages = new Stages(dir);
    RunResult first = stages.up(server("5173"));
    assertThat(first.created()).isEqualTo(1);
    Spawn.Output output = recorded();
    assertThat(output.value()).isEqualTo("http://127.0.0.1:5173/");
    assertThat(SpawnedProcesses.alive(output.pid(), output.started())).isTrue();
    assertThat(Path.of(output.logFile()))
        .isEqualTo(dir.resolve("target/alchemy/logs/my-app/dev/dev-server/vite.log"))
        .content().contains("starting");

    // Same JVM, same spawn: the live process is found and its value returned, nothing started.
    RunResult second = stages.up(server("5173"));
    assertThat(second.unchanged()).isEqualTo(1);
    assertThat(recorded().pid()).isEqualTo(output.pid());

    // A changed command stops the old process before starting the new one.
    RunResult third = stages.up(server("5174"));
    assertThat(third.replaced()).isEqualTo(1);
    Spawn.Output restarted = recorded();
    assertThat(restarted.value()).isEqualTo("http://127.0.0.1:5174/");
    assertThat(SpawnedProcesses.alive(output.pid(), output.started())).isFalse();

    // Gone from the code: stopped as an orphan.
    stages.up(stage -> { });
    assertThat(SpawnedProcesses.alive(restarted.pid(), restarted.started())).isFalse();
  }

  @Test
  void aPredictionStartsNothingAndKnowsOnlyTheLogFile() throws Exception {
    ResourceContext context = new ResourceContext(null, "vite", "my-app/dev/dev-server/vite",
        dir);
    Spawn.Props props = Spawn.command(FakeServer.command("serve", "5173")
        .toArray(String[]::new)).extract("Local:\\s+(http://\\S+)").build();
    Spawn.Output predicted = Spawn.provider().predict(context, props, null);
    assertThat(predicted).isEqualTo(new Spawn.Output(0,
        Unknowns.marker("my-app/dev/dev-server/vite", "started"),
        Unknowns.marker("my-app/dev/dev-server/vite", "value"),
        dir.resolve("target/alchemy/logs/my-app/dev/dev-server/vite.log").toString()));
    assertThat(dir.resolve("target")).as("no log written, nothing started").doesNotExist();
    Spawn.Props plain = Spawn.command(FakeServer.command("pid").toArray(String[]::new)).build();
    assertThat(Spawn.provider().predict(context, plain, predicted).value()).isNull();
  }

  @Test
  void aPlanOfAChangedSpawnShowsAReplacementAndItsLogFile() throws Exception {
    Stages stages = new Stages(dir);
    stages.up(server("5173"));
    Spawn.Output running = recorded();
    List<Spawn.Output> predicted = new ArrayList<>();
    Plan plan = stages.builder().build().plan(stage -> stage.run("dev-server", s -> predicted.add(
        s.resource("vite", Spawn.provider(), Spawn.command(FakeServer.command("serve", "5174")
            .toArray(String[]::new)).extract("Local:\\s+(http://\\S+)").build()))));
    assertThat(plan.lines()).first().asString()
        .isEqualTo("-/+ replace   my-app/dev/dev-server/vite (process::Spawn): command forces a"
            + " replacement");
    assertThat(predicted).singleElement().satisfies(p -> assertThat(p.value())
        .isEqualTo(Unknowns.marker("my-app/dev/dev-server/vite", "value")));
    // The running process is neither stopped nor replaced.
    assertThat(SpawnedProcesses.alive(running.pid(), running.started())).isTrue();
    assertThat(recorded()).isEqualTo(running);
    stages.up(server("5174"));
    assertThat(predicted.get(0).logFile()).isEqualTo(recorded().logFile());
  }

  @Test
  void aProcessThatEndedIsStartedAgain() throws Exception {
    Stages stages = new Stages(dir);
    stages.up(server("5173"));
    Spawn.Output output = recorded();
    ProcessHandle.of(output.pid()).ifPresent(SpawnedProcesses::stopTree);
    RunResult again = stages.up(server("5173"));
    assertThat(again.created()).isEqualTo(1);
    assertThat(recorded().pid()).isNotEqualTo(output.pid());
  }

  @Test
  void destroyStopsTheWholeProcessTree() throws Exception {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.spawn("tree", Spawn.command(
        FakeServer.command("tree").toArray(String[]::new)).extract("child (\\d+)").build()));
    try (StageState state = new FileSystemStateStore(stages.stateDir())
        .open("my-app", "dev", AccessMode.READ)) {
      var out = state.resources().get("tree").output();
      long child = Long.parseLong(out.get("value").asText());
      pids.add(out.get("pid").asLong());
      pids.add(child);
      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).contains(true);
      stages.run(Phase.DESTROY, stage -> { });
      assertThat(stoppedWithin(child, Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void aProcessThatExitsBeforeMatchingIsAClearError() {
    assertThatThrownBy(() -> new Stages(dir).builder().password(Secret.of("pw")).build()
        .run(stage -> stage.spawn("bad", Spawn.command(
            FakeServer.command("fail", "7").toArray(String[]::new))
            .secretEnv("TOKEN", Secret.of("tok-123"))
            .extract("Local: (.*)").build())))
        .hasMessageContaining("Resource my-app/dev/bad (process::Spawn) failed while creating:"
            + " " + java() + " exited with 7 before a line of its output matched Local: (.*);"
            + " last lines of")
        .hasMessageContaining("port in use by ****")
        .hasMessageNotContaining("tok-123");
  }

  @Test
  void anExtractThatTimesOutStopsTheProcess() {
    assertThatThrownBy(() -> new Stages(dir).up(stage -> stage.spawn("slow",
        Spawn.command(FakeServer.command("silent").toArray(String[]::new)).extract("never")
            .timeout(Duration.ofSeconds(1)).build())))
        .hasMessageContaining(java() + " printed no line matching never within PT1S and was"
            + " stopped")
        .hasMessageContaining("waiting");
  }

  /** A separate JVM: its spawned process dies with it, and SIGTERM runs cleanup handlers. */
  @Test
  void spawnedProcessesStopWhenTheJvmEndsAndSigtermRunsCleanupHandlers() throws Exception {
    Path pidFile = dir.resolve("pid.txt");
    Path cleaned = dir.resolve("cleaned.txt");
    Process jvm = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        LongSession.class.getName(), dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("jvm.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(cleaned.resolveSibling("ready.txt")) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(dir.resolve("ready.txt")).exists();
    long spawned = Long.parseLong(Files.readString(pidFile).trim());
    pids.add(spawned);
    assertThat(ProcessHandle.of(spawned).map(ProcessHandle::isAlive)).contains(true);
    jvm.destroy(); // SIGTERM, as Ctrl-C or a CI job's cancel would send
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cleaned).hasContent("cleaned");
    assertThat(stoppedWithin(spawned, Duration.ofSeconds(10))).isTrue();
  }

  private static String java() {
    return FakeServer.command().get(0);
  }

  /** The OS may take a moment to reap a stopped process. */
  private static boolean stoppedWithin(long pid, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Deploys a spawn and a cleanup handler, then blocks inside the run as a watch session does. */
  public static final class LongSession {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      new Stages(dir).up(stage -> {
        stage.onCleanup(() -> Files.writeString(dir.resolve("cleaned.txt"), "cleaned"));
        String pid = stage.spawn("sleeper", Spawn.command(
            FakeServer.command("pid").toArray(String[]::new)).extract("pid (\\d+)").build());
        Files.writeString(dir.resolve("pid.txt"), pid);
        Files.writeString(dir.resolve("ready.txt"), "ready");
        Thread.sleep(60_000);
      });
    }

    private LongSession() {}
  }

  @Test
  void localModeKeepsItsOwnStateApartFromTheDeployedStage() throws Exception {
    Stages stages = new Stages(dir);
    stages.up(stage -> stage.set("deployed", "yes"));
    RunResult local = stages.builder().local(true).build().run(stage -> { });
    assertThat(local.deleted()).isZero();
    assertThat(stages.stageDir("dev").resolve("state.json")).exists();
    List<String> seen = new ArrayList<>();
    stages.up(stage -> seen.add(stage.get("deployed", String.class).orElse("lost")));
    assertThat(seen).containsExactly("yes");
    stages.builder().local(true).build().run(stage -> stage.set("local", "yes"));
    assertThat(stages.stateDir().resolve("my-app/dev@local/state.json")).exists();
  }
}
