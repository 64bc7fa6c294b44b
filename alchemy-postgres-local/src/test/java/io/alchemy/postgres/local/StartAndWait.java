package io.alchemy.postgres.local;

import io.alchemy.core.local.LocalServer;
import io.alchemy.core.local.LocalServerContext;
import io.alchemy.core.credentials.PostgresCredentials;
import java.nio.file.Path;

/** Starts the local server in its own JVM and waits to be killed, as a session that dies. */
public final class StartAndWait {

  private StartAndWait() {}

  public static void main(String[] args) throws Exception {
    LocalServer<PostgresCredentials> server = new EmbeddedPostgresFactory().start(
        new LocalServerContext("app", "dev", Path.of(args[0]), Path.of(args[1])));
    System.out.println("ready " + server.credentials().port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
