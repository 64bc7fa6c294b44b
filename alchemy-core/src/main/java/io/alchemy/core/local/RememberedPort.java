package io.alchemy.core.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The port a local server listened on in its previous session, kept in its data directory, so
 * that URLs the local state recorded stay valid when the port is still free.
 */
public final class RememberedPort {

  private static final String FILE = "alchemy-port";

  private final Path file;

  /** The port remembered in {@code dataDirectory}. */
  public RememberedPort(Path dataDirectory) {
    this.file = dataDirectory.resolve(FILE);
  }

  /** The remembered port if it is free on the loopback address now, else 0 (pick any). */
  public int ifFree() {
    try {
      int previous = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
      try (ServerSocket probe = new ServerSocket(previous, 1, InetAddress.getLoopbackAddress())) {
        return previous;
      }
    } catch (IOException | IllegalArgumentException e) {
      return 0; // none remembered, or taken
    }
  }

  /** Whether a port is remembered and free on the loopback address now. */
  public boolean isFree() {
    return ifFree() != 0;
  }

  /** Remembers {@code port} for the next session, atomically. */
  public void remember(int port) throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.writeString(tmp, Integer.toString(port), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
