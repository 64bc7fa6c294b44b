package io.alchemy.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RememberedPortTest {

  @TempDir Path dir;

  @Test
  void aFreeRememberedPortIsUsedAgainATakenOneIsNot() throws Exception {
    RememberedPort port = new RememberedPort(dir);
    assertThat(port.ifFree()).as("nothing remembered").isZero();

    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
      port.remember(free);
      assertThat(port.ifFree()).as("taken now").isZero();
    }
    assertThat(new RememberedPort(dir).ifFree()).isEqualTo(free);
    assertThat(dir.resolve("alchemy-port")).hasContent(Integer.toString(free));
    assertThat(dir.resolve("alchemy-port.tmp")).doesNotExist();

    Files.writeString(dir.resolve("alchemy-port"), "not a port");
    assertThat(port.ifFree()).isZero();
  }
}
