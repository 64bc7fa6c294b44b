package io.alchemy.maven;

import io.alchemy.core.state.StateStore;
import java.util.function.BinaryOperator;

/**
 * A configured state backend: its store, and words for the log and for messages that say where
 * state lives and where that was configured, never a credential.
 *
 * @param name {@code filesystem}, {@code postgres} or {@code s3}
 * @param store the store
 * @param location where a stage's state lives, from app and stage, e.g. {@code
 *     s3://bucket/alchemy/my-app/dev/ at http://minio:9000}
 * @param login where the credentials came from, for the log, or {@code null} for the filesystem
 * @param note where state lives and where that was configured, for error messages
 */
record StateBackend(String name, StateStore store, BinaryOperator<String> location, String login,
    String note) implements AutoCloseable {

  /** Where {@code app}/{@code stage} keeps its state. */
  String location(String app, String stage) {
    return location.apply(app, stage);
  }

  /** Closes {@code backend}'s client, if any, without failing the goal over it. */
  static void closeQuietly(StateBackend backend) {
    if (backend != null) {
      try {
        backend.close();
      } catch (Exception ignored) {
        // nothing the user could do about it
      }
    }
  }

  /** Releases the store's client, if it has one. Stage locks are released by their runs. */
  @Override
  public void close() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
