package io.alchemy.postgres.local;

import io.alchemy.core.credentials.PostgresCredentials;
import io.alchemy.core.local.LocalServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/** A running embedded PostgreSQL; closing it stops the server and keeps its data. */
final class EmbeddedPostgresServer implements LocalServer<PostgresCredentials> {

  /** initdb made this superuser; local connections are trusted, so it needs no password. */
  static final String ADMIN = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path data;
  private final boolean samePort;

  EmbeddedPostgresServer(EmbeddedPostgres postgres, Path data, boolean samePort) {
    this.postgres = postgres;
    this.data = data;
    this.samePort = samePort;
  }

  @Override
  public PostgresCredentials credentials() {
    return new PostgresCredentials("localhost", postgres.getPort(), "postgres", ADMIN, null);
  }

  @Override
  public String description() {
    return "embedded PostgreSQL on localhost:" + postgres.getPort() + " (data in " + data + ")";
  }

  @Override
  public boolean listensAsBefore() {
    return samePort;
  }

  @Override
  public void close() throws Exception {
    postgres.close();
  }
}
