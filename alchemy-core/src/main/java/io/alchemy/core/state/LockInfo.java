package io.alchemy.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Who holds a stage lock: what {@link StateLockedException} and {@link
 * StateStore#lockHolder(String, String)} report, and what {@code alchemy:unlock} needs.
 *
 * @param lockId a random id of this one acquisition; {@link StateStore#forceUnlock} takes it, so a
 *     forced release can only hit the lock the user looked at, never a later one
 * @param owner who took it, e.g. {@code alice (pid 4242)}
 * @param host the machine it was taken on
 * @param since when it was taken
 */
public record LockInfo(String lockId, String owner, String host, Instant since)
    implements Serializable {

  /** All parts are required. */
  public LockInfo {
    Objects.requireNonNull(lockId, "lockId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(since, "since");
  }

  /** A new lock id for this process, on this host, from now (to the millisecond). */
  public static LockInfo forThisProcess() {
    return new LockInfo(UUID.randomUUID().toString(), ownerOfThisProcess(), localHost(),
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  /** {@code <user> (pid <pid>)} for the running JVM. */
  public static String ownerOfThisProcess() {
    String user = System.getProperty("user.name", "unknown user");
    return user + " (pid " + ProcessHandle.current().pid() + ")";
  }

  /** The name of this machine, or the JVM's name when the host cannot be resolved. */
  public static String localHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

  /** For messages: {@code lock 1b4e… held by alice (pid 4242) on ci-7 since 2026-…Z}. */
  public String describe() {
    return "lock " + lockId + " held by " + owner + " on " + host + " since " + since;
  }

  /**
   * This holder as a JSON object with the fields {@code lockId}, {@code owner}, {@code host} and
   * {@code since} (ISO-8601), the form stores write into lock files and lock objects.
   */
  public ObjectNode toJson() {
    ObjectNode node = StateJson.mapper().createObjectNode();
    node.put("lockId", lockId);
    node.put("owner", owner);
    node.put("host", host);
    node.put("since", since.toString());
    return node;
  }

  /**
   * Reads what {@link #toJson()} wrote; other fields are ignored.
   *
   * @throws IllegalArgumentException when a field is missing or {@code since} is no ISO-8601
   *     instant
   */
  public static LockInfo fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    try {
      return new LockInfo(text(node, "lockId"), text(node, "owner"), text(node, "host"),
          Instant.parse(text(node, "since")));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("since is not an ISO-8601 instant: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("no text field " + field);
    }
    return value.asText();
  }
}
