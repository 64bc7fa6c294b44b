package io.alchemy.core.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

/** A local server that is a real listening socket, counting how often it starts and stops. */
public final class SocketServerFactory implements LocalServerFactory<SocketServerFactory.Address> {

  /** How the "server" is reached. */
  public record Address(int port) {}

  static final AtomicInteger STARTS = new AtomicInteger();
  static final AtomicInteger STOPS = new AtomicInteger();

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
    Files.writeString(context.logFile(), "listening\n");
    ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    STARTS.incrementAndGet();
    return new LocalServer<>() {
      @Override
      public Address credentials() {
        return new Address(socket.getLocalPort());
      }

      @Override
      public String description() {
        return "socket on port " + socket.getLocalPort();
      }

      @Override
      public void close() throws IOException {
        STOPS.incrementAndGet();
        socket.close();
      }
    };
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
