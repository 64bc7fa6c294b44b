package io.alchemy.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.RunListener;
import io.alchemy.core.RunResult;
import io.alchemy.core.provider.ResourceContext;
import io.alchemy.core.provider.ResourceProvider;
import io.alchemy.core.state.AccessMode;
import io.alchemy.core.state.FileSystemStateStore;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.StageState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a single local run starts a local server: only for a resource that needs a provider call,
 * or to look at data that may have changed since the resource was recorded on it. The server is
 * {@link SocketServerFactory}'s real socket; the resources are files in its data directory.
 */
class LocalServerStartsTest {

  @TempDir Path dir;

  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final ThingsOnServer things = new ThingsOnServer();

  @BeforeEach
  void resetCounts() {
    SocketServerFactory.STARTS.set(0);
    SocketServerFactory.STOPS.set(0);
    SocketServerFactory.INITS.set(0);
  }

  /** Things kept as files in the socket server's data directory, which they need it to reach. */
  static class ThingsOnServer
      implements ResourceProvider<ThingsOnServer.Props, ThingsOnServer.Output> {

    record Props(String name, String value) {}

    record Output(String name, int port) {}

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "test::ThingOnServer";
    }

    @Override
    public Class<Props> propsType() {
      return Props.class;
    }

    @Override
    public Class<Output> outputType() {
      return Output.class;
    }

    @Override
    public List<Class<?>> localServers() {
      return List.of(SocketServerFactory.Address.class);
    }

    private static Path file(ResourceContext context, String name) {
      return context.scope().localServer(SocketServerFactory.Address.class).data()
          .resolve("thing-" + name);
    }

    @Override
    public Output create(ResourceContext context, Props props) throws IOException {
      calls.add("create " + props.name());
      Files.writeString(file(context, props.name()), props.value());
      return new Output(props.name(),
          context.scope().localServer(SocketServerFactory.Address.class).port());
    }

    @Override
    public Output update(ResourceContext context, Props oldProps, Props newProps,
        Output oldOutput) throws IOException {
      calls.add("update " + newProps.name());
      Files.writeString(file(context, newProps.name()), newProps.value());
      return oldOutput;
    }

    @Override
    public void delete(ResourceContext context, Props props, Output output) throws IOException {
      calls.add("delete " + props.name());
      Files.deleteIfExists(file(context, props.name()));
    }

    @Override
    public boolean gone(ResourceContext context, Props props, Output output) {
      calls.add("gone " + props.name());
      int port = context.scope().localServer(SocketServerFactory.Address.class).port();
      return port != output.port() || !Files.exists(file(context, props.name()));
    }
  }

  private Alchemy alchemy() {
    return Alchemy.builder().app("app").stage("dev").stateDir(dir.resolve("state")).baseDir(dir)
        .local(true).listener(new RunListener() {
          @Override
          public void info(String message) {
            infos.add(message);
          }
        }).build();
  }

  private InfrastructureDefinition two(String secondValue) {
    return scope -> {
      scope.resource("a", things, new ThingsOnServer.Props("a", "1"));
      scope.resource("b", things, new ThingsOnServer.Props("b", secondValue));
    };
  }

  private Path data() {
    return dir.resolve("target/alchemy/local/app/dev/socket");
  }

  private List<String> callsOf(Runnable run) {
    things.calls.clear();
    run.run();
    return List.copyOf(things.calls);
  }

  private long startedLines() {
    return infos.stream().filter(i -> i.startsWith("Local socket") && i.contains(" started in "))
        .count();
  }

  @Test
  void aNoOpRunStartsNothingAndAChangeStartsTheServerOnce() {
    alchemy().run(two("1"));
    assertThat(SocketServerFactory.STARTS).hasValue(1);
    assertThat(data().resolve("thing-a")).hasContent("1");

    RunResult noOp = alchemy().run(two("1"));
    assertThat(noOp.unchanged()).isEqualTo(2);
    assertThat(SocketServerFactory.STARTS).as("nothing to do: nothing started").hasValue(1);
    assertThat(things.calls).as("not even asked whether gone").doesNotContain("gone a");
    assertThat(startedLines()).isEqualTo(1);

    List<String> calls = callsOf(() -> alchemy().run(two("2")));
    assertThat(SocketServerFactory.STARTS).as("b changed").hasValue(2);
    // a came first, before the server ran: found unchanged unseen.
    assertThat(calls).containsExactly("update b");
    assertThat(data().resolve("thing-b")).hasContent("2");

    // The change kept the data's generation (same data, same port): still nothing to start.
    RunResult after = alchemy().run(two("2"));
    assertThat(after.unchanged()).isEqualTo(2);
    assertThat(SocketServerFactory.STARTS).hasValue(2);
    assertThat(SocketServerFactory.STOPS).hasValue(2);
    assertThat(SocketServerFactory.INITS).hasValue(1);
  }

  @Test
  void aDefinitionThatAsksForTheServerGetsItRunning() {
    alchemy().run(two("1"));
    int[] port = new int[1];
    alchemy().run(scope -> {
      two("1").define(scope);
      port[0] = scope.localServer(SocketServerFactory.Address.class).port();
    });
    assertThat(SocketServerFactory.STARTS).hasValue(2);
    assertThat(port[0]).isPositive();
    // Resources after the ask are looked at on the running server, as they cost nothing now.
    List<String> calls = callsOf(() -> alchemy().run(scope -> {
      scope.localServer(SocketServerFactory.Address.class);
      two("1").define(scope);
    }));
    assertThat(calls).containsExactly("gone a", "gone b");
  }

  @Test
  void aDefinitionThatConnectsToALeftServerWithoutAskingIsToldHow() {
    alchemy().run(two("1"));
    InfrastructureDefinition connects = scope -> {
      ThingsOnServer.Output a = scope.resource("a", things, new ThingsOnServer.Props("a", "1"));
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), a.port())) {
        socket.getOutputStream().write(1);
      }
    };
    assertThatThrownBy(() -> alchemy().run(connects))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("This local run started no local server for Address: every"
            + " resource on it was unchanged. Code of the definition that connects to it (with an"
            + " output's URL, or through a command or a spawned process) asks for it first:"
            + " scope.localServer(Address.class).");
    assertThat(SocketServerFactory.STARTS).hasValue(1);
  }

  @Test
  void deletedDataStartsTheServerWhichMakesTheThingsAgain() throws IOException {
    alchemy().run(two("1"));
    deleteTree(data());

    List<String> calls = callsOf(() -> alchemy().run(two("1")));
    assertThat(SocketServerFactory.STARTS).hasValue(2);
    assertThat(SocketServerFactory.INITS).as("initialized again").hasValue(2);
    assertThat(calls).containsExactly("gone a", "create a", "gone b", "create b");
    assertThat(data().resolve("thing-a")).hasContent("1");

    assertThat(alchemy().run(two("1")).unchanged()).isEqualTo(2);
    assertThat(SocketServerFactory.STARTS).as("the new generation is recorded").hasValue(2);
  }

  @Test
  void dataTouchedWhileNoRunHeldItIsLookedAt() throws IOException {
    alchemy().run(two("1"));
    // Edited, restored from a copy, or a server started on it by hand: its fingerprint differs.
    Files.setLastModifiedTime(data().resolve("initialized"),
        FileTime.from(Instant.now().plusSeconds(5)));
    Files.delete(data().resolve("thing-b"));

    List<String> calls = callsOf(() -> alchemy().run(two("1")));
    assertThat(SocketServerFactory.STARTS).hasValue(2);
    assertThat(calls).containsExactly("gone a", "gone b", "create b");
    assertThat(alchemy().run(two("1")).unchanged()).isEqualTo(2);
    assertThat(SocketServerFactory.STARTS).hasValue(2);
  }

  @Test
  void aServerLeftRunningIsStartedInItsPlaceAndLookedAt() throws IOException {
    alchemy().run(two("1"));
    // What a run killed before it stopped its server leaves: the server's mark, no fingerprint.
    Files.writeString(data().resolve("running"), "yes");

    callsOf(() -> alchemy().run(two("1")));
    assertThat(SocketServerFactory.STARTS).hasValue(2);
    assertThat(things.calls).containsExactly("gone a", "gone b");
  }

  @Test
  void aTakenPortStartsTheServerElsewhereAndTheThingsFollow() throws IOException {
    alchemy().run(two("1"));
    int port = Integer.parseInt(Files.readString(data().resolve("alchemy-port")).trim());

    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      List<String> calls = callsOf(() -> alchemy().run(two("1")));
      assertThat(SocketServerFactory.STARTS).hasValue(2);
      assertThat(calls).as("recorded on the old port: made again on the new one")
          .containsExactly("gone a", "create a", "gone b", "create b");
    }
    // The new port is remembered, and the things were recorded on it.
    assertThat(alchemy().run(two("1")).unchanged()).isEqualTo(2);
    assertThat(SocketServerFactory.STARTS).hasValue(2);
  }

  @Test
  void aRecordWithoutAGenerationStartsTheServerOnceThenNot() {
    alchemy().run(two("1"));
    // As records written before generations were: no local-servers entry.
    try (StageState state = new FileSystemStateStore(dir.resolve("state"))
        .open("app", "dev@local", AccessMode.WRITE, Duration.ZERO)) {
      for (ResourceRecord record : state.resources().values()) {
        assertThat(record.credentialSettings()).containsKey("local-servers");
        Map<String, Map<String, String>> settings =
            new LinkedHashMap<>(record.credentialSettings());
        settings.remove("local-servers");
        state.put(record.withSettings(settings));
      }
    }

    List<String> calls = callsOf(() -> alchemy().run(two("1")));
    assertThat(SocketServerFactory.STARTS).hasValue(2);
    assertThat(calls).containsExactly("gone a", "gone b");

    assertThat(alchemy().run(two("1")).unchanged()).isEqualTo(2);
    assertThat(SocketServerFactory.STARTS).hasValue(2);
  }

  @Test
  void aSessionLooksEveryTimeAndTheRunAfterItLooksAgain() {
    alchemy().run(two("1"));
    try (AlchemySession session = alchemy().openSession()) {
      List<String> calls = callsOf(() -> session.run(two("1")));
      assertThat(calls).as("alchemy:dev starts it as before").containsExactly("gone a", "gone b");
      session.run(two("1"));
    }
    assertThat(SocketServerFactory.STARTS).hasValue(2);

    // Tools and the application had the server between the session's runs.
    List<String> calls = callsOf(() -> alchemy().run(two("1")));
    assertThat(SocketServerFactory.STARTS).hasValue(3);
    assertThat(calls).containsExactly("gone a", "gone b");
    assertThat(alchemy().run(two("1")).unchanged()).isEqualTo(2);
    assertThat(SocketServerFactory.STARTS).hasValue(3);
  }

  @Test
  void anOrphanIsDeletedOnTheServerStartedForIt() {
    alchemy().run(two("1"));
    List<String> calls = callsOf(() -> alchemy().run(scope ->
        scope.resource("a", things, new ThingsOnServer.Props("a", "1"))));
    assertThat(calls).containsExactly("delete b");
    assertThat(SocketServerFactory.STARTS).hasValue(2);
    assertThat(data().resolve("thing-b")).doesNotExist();
    assertThat(alchemy().run(scope ->
        scope.resource("a", things, new ThingsOnServer.Props("a", "1"))).unchanged()).isOne();
    assertThat(SocketServerFactory.STARTS).hasValue(2);
  }

  @Test
  void aServerThatDoesNotStartFailsAChangeBeforeAnythingIsRecorded() throws IOException {
    ResourceProvider<ThingsOnServer.Props, ThingsOnServer.Output> onBroken =
        new ThingsOnServer() {
          @Override
          public List<Class<?>> localServers() {
            return List.of(SocketServerFactory.Broken.Nothing.class);
          }
        };
    assertThatThrownBy(() -> alchemy().run(scope ->
        scope.resource("x", onBroken, new ThingsOnServer.Props("x", "1"))))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource app/dev/x (test::ThingOnServer) runs on a local server in"
            + " local mode. Could not start the local broken server of app/dev: port 5 is not"
            + " ours.");
    Path stateFile = dir.resolve("state/app/dev@local/state.json");
    assertThat(!Files.exists(stateFile) || !Files.readString(stateFile).contains("\"x\""))
        .isTrue();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
