package io.alchemy.core.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that is a real listening socket, counting how often it starts and stops. Like a
 * real one, it keeps its port between sessions when it is free, initializes its data directory
 * when that is new (the file {@code initialized}), marks it while it runs (the file {@code
 * running}), and fingerprints it by those two files.
 */
public final class SocketServerFactory implements LocalServerFactory<SocketServerFactory.Address> {

  /**
   * How the "server" is reached.
   *
   * @param port where it listens
   * @param data its data directory, where providers in tests keep their things
   */
  public record Address(int port, Path data) {}

  static final AtomicInteger STARTS = new AtomicInteger();
  static final AtomicInteger STOPS = new AtomicInteger();
  static final AtomicInteger INITS = new AtomicInteger();

  @Override
  public Class<Address> credentialsType() {
    return Address.class;
  }

  @Override
  public String name() {
    return "socket";
  }

  @Override
  public LocalServer<Address> start(LocalServerContext context) throws IOException {
    Path data = context.dataDirectory();
    Files.writeString(context.logFile(), "listening\n");
    Path initialized = data.resolve("initialized");
    if (!Files.exists(initialized)) {
      INITS.incrementAndGet();
      Files.writeString(initialized, "yes");
    }
    RememberedPort remembered = new RememberedPort(data);
    int previous = remembered.ifFree();
    ServerSocket socket = new ServerSocket(previous, 10, InetAddress.getLoopbackAddress());
    remembered.remember(socket.getLocalPort());
    Files.writeString(data.resolve("running"), "yes");
    STARTS.incrementAndGet();
    return new LocalServer<>() {
      @Override
      public Address credentials() {
        return new Address(socket.getLocalPort(), data);
      }

      @Override
      public String description() {
        return "socket on port " + socket.getLocalPort();
      }

      @Override
      public boolean listensAsBefore() {
        return previous != 0;
      }

      @Override
      public void close() throws IOException {
        STOPS.incrementAndGet();
        socket.close();
        Files.deleteIfExists(data.resolve("running"));
      }
    };
  }

  @Override
  public Optional<String> fingerprint(Path dataDirectory) throws IOException {
    Path initialized = dataDirectory.resolve("initialized");
    if (!Files.exists(initialized) || Files.exists(dataDirectory.resolve("running"))) {
      return Optional.empty();
    }
    BasicFileAttributes attributes = Files.readAttributes(initialized, BasicFileAttributes.class);
    return Optional.of(attributes.fileKey() + " " + attributes.lastModifiedTime().toInstant());
  }

  @Override
  public boolean previousAddressFree(LocalServerContext context) {
    return new RememberedPort(context.dataDirectory()).isFree();
  }

  /** A factory whose server never starts. */
  public static final class Broken implements LocalServerFactory<Broken.Nothing> {

    /** Its kind. */
    public record Nothing() {}

    @Override
    public Class<Nothing> credentialsType() {
      return Nothing.class;
    }

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public LocalServer<Nothing> start(LocalServerContext context) throws IOException {
      throw new IOException("port 5 is not ours");
    }
  }
}
