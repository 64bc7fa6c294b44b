package io.alchemy.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.CountingProvider;
import io.alchemy.core.AlchemySession;
import io.alchemy.core.DeploymentFailedException;
import io.alchemy.core.RunListener;
import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.fs.TextFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local servers through whole runs and sessions, with a real listening socket as the server. */
class LocalServersTest {

  @TempDir Path dir;

  private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> ports = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void resetCounts() {
    SocketServerFactory.STARTS.set(0);
    SocketServerFactory.STOPS.set(0);
  }

  private Alchemy alchemy(boolean local) {
    return Alchemy.builder().app("app").stage("dev").stateDir(dir.resolve("state")).baseDir(dir)
        .local(local).listener(new RunListener() {
          @Override
          public void info(String message) {
            infos.add(message);
          }
        }).build();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aRunStartsTheServerOnFirstUseOnlyAndStopsItAtItsEnd() {
    alchemy(true).run(scope -> {
      int port = scope.localServer(SocketServerFactory.Address.class).port();
      assertThat(listening(port)).isTrue();
      assertThat(scope.localServer(SocketServerFactory.Address.class).port()).isEqualTo(port);
      scope.run("child", child ->
          ports.add(child.localServer(SocketServerFactory.Address.class).port()));
      ports.add(port);
    });

    assertThat(SocketServerFactory.STARTS).hasValue(1);
    assertThat(SocketServerFactory.STOPS).hasValue(1);
    assertThat(ports).hasSize(2).allMatch(p -> p.equals(ports.get(0)));
    assertThat(listening(ports.get(0))).isFalse();
    assertThat(dir.resolve("target/alchemy/local/app/dev/socket")).isDirectory();
    assertThat(dir.resolve("target/alchemy/logs/app/dev/socket.log")).hasContent("listening");
    assertThat(infos).containsExactly(
        "Local socket on port " + ports.get(0) + " started in "
            + infos.get(0).replaceAll(".* started in (\\d+) ms.*", "$1") + " ms; its output goes to "
            + dir.resolve("target/alchemy/logs/app/dev/socket.log"),
        "Local socket on port " + ports.get(0) + " stopped");

    alchemy(true).run(scope -> TextFile.declare(scope, "f", TextFile.props("f.txt", "x")));
    assertThat(SocketServerFactory.STARTS).as("not asked for: not started").hasValue(1);
  }

  @Test
  void aSessionKeepsItsServerForEveryRunUntilItCloses() {
    try (AlchemySession session = alchemy(true).openSession()) {
      for (int i = 0; i < 3; i++) {
        session.run(scope -> ports.add(scope.localServer(SocketServerFactory.Address.class).port()));
        assertThat(listening(ports.get(i))).isTrue();
      }
    }
    assertThat(ports).hasSize(3).allMatch(p -> p.equals(ports.get(0)));
    assertThat(SocketServerFactory.STARTS).hasValue(1);
    assertThat(SocketServerFactory.STOPS).hasValue(1);
    assertThat(listening(ports.get(0))).isFalse();
  }

  @Test
  void askingOutsideLocalModeIsAClearError() {
    assertThatThrownBy(() -> alchemy(false).run(scope ->
        scope.localServer(SocketServerFactory.Address.class)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Scope app/dev asked for a local Address server, but this run is"
            + " not in local mode. Ask only when scope.local() is true");
    assertThat(SocketServerFactory.STARTS).hasValue(0);
  }

  @Test
  void aKindWithoutAnInstalledFactoryNamesTheModuleToAdd() {
    assertThatThrownBy(() -> alchemy(true).run(scope ->
        scope.localServer(PostgresCredentials.class)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Local mode has no local server for PostgresCredentials: none is"
            + " installed. Put io.alchemy:alchemy-postgres-local on the class path, or skip the"
            + " resource when running locally")
        .hasMessageContaining("if (!scope.local()) { ... }");
  }

  @Test
  void aProvidersLocalServerIsStartedBeforeItsResourceIsRecorded() throws Exception {
    CountingProvider needsPostgres = new CountingProvider() {
      @Override
      public List<Class<?>> localServers() {
        return List.of(PostgresCredentials.class);
      }
    };
    assertThatThrownBy(() -> alchemy(true).run(scope -> {
      TextFile.declare(scope, "file", TextFile.props("local.txt", "fine locally"));
      scope.resource("db", needsPostgres, new CountingProvider.Props("db", "v"));
    }))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Resource app/dev/db").hasMessageContaining(
            "Local mode has no local server for PostgresCredentials: none is installed. Put"
            + " io.alchemy:alchemy-postgres-local on the class path, or skip the resource");
    assertThat(needsPostgres.calls).isEmpty();
    assertThat(Files.readString(dir.resolve("state/app/dev@local/state.json")))
        .contains("local.txt").doesNotContain("\"db\"");

    CountingProvider needsSocket = new CountingProvider() {
      @Override
      public List<Class<?>> localServers() {
        return List.of(SocketServerFactory.Address.class);
      }
    };
    alchemy(true).run(scope -> {
      scope.resource("thing", needsSocket, new CountingProvider.Props("t", "v"));
      scope.resource("other", needsSocket, new CountingProvider.Props("o", "v"));
    });
    assertThat(SocketServerFactory.STARTS).as("once, for both").hasValue(1);
    assertThat(needsSocket.calls).containsExactly("create t", "create o");
    // Deployed runs never start one.
    alchemy(false).run(scope ->
        scope.resource("thing", needsSocket, new CountingProvider.Props("t", "v")));
    assertThat(SocketServerFactory.STARTS).hasValue(1);
  }

  @Test
  void aServerThatDoesNotStartSaysWhereItsOutputIs() {
    assertThatThrownBy(() -> alchemy(true).run(scope ->
        scope.localServer(SocketServerFactory.Broken.Nothing.class)))
        .isInstanceOf(DeploymentFailedException.class)
        .hasMessageContaining("Could not start the local broken server of app/dev: port 5 is not"
            + " ours. Its output is in " + dir.resolve("target/alchemy/logs/app/dev/broken.log"));
  }
}
