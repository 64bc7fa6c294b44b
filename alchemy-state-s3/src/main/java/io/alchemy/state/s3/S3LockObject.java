package io.alchemy.state.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.state.LockInfo;
import io.alchemy.core.state.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A stage's lock object as read from the bucket: its holder, its ETag (what a conditional
 * replace or delete must name), and how old it is by the server's own clock.
 *
 * <p>Staleness is judged by server time alone ({@code Date} of the response minus {@code
 * Last-Modified} of the object, both stamped by the store), so clocks of the machines running
 * Alchemy never matter. Both are whole seconds, so a lease counts as expired only once it is
 * over by a whole second more.
 *
 * @param holder who holds it; {@code null} when the object cannot be read as a lock
 * @param etag the object's ETag
 * @param age how long ago it was last written (taken or renewed)
 * @param lease the holder's lease, from the object; {@code fallbackLease} when unreadable
 */
record S3LockObject(LockInfo holder, String etag, Duration age, Duration lease) {

  /** Whether the holder failed to renew within its lease: it crashed, or lost its network. */
  boolean expired() {
    return age.compareTo(lease.plusSeconds(1)) > 0;
  }

  /** When the lease runs out, for messages, by the server's clock. */
  Instant leaseExpires(Instant serverNow) {
    return serverNow.plus(lease).minus(age);
  }

  static S3LockObject read(ResponseBytes<GetObjectResponse> object, Duration fallbackLease) {
    GetObjectResponse response = object.response();
    Instant serverNow = response.sdkHttpResponse().firstMatchingHeader("Date")
        .flatMap(S3LockObject::httpDate).orElseGet(Instant::now);
    Instant written = response.lastModified() != null ? response.lastModified() : serverNow;
    Duration age = Duration.between(written, serverNow);
    LockInfo holder = null;
    Duration lease = fallbackLease;
    try {
      JsonNode json = StateJson.mapper().readTree(object.asByteArray());
      holder = LockInfo.fromJson(json);
      if (json.path("leaseSeconds").canConvertToLong() && json.path("leaseSeconds").asLong() > 0) {
        lease = Duration.ofSeconds(json.path("leaseSeconds").asLong());
      }
    } catch (IOException | IllegalArgumentException e) {
      // Not a lock Alchemy wrote whole: it still excludes others until its lease runs out.
    }
    return new S3LockObject(holder, response.eTag(), age.isNegative() ? Duration.ZERO : age,
        lease);
  }

  /** The body of a lock object: the holder, its lease, and (for people) when it expires. */
  static byte[] body(LockInfo holder, Duration lease) {
    ObjectNode json = holder.toJson();
    json.put("leaseSeconds", lease.toSeconds());
    json.put("leaseExpires", Instant.now().plus(lease).toString());
    try {
      return StateJson.mapper().writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("a lock object is always writable as JSON", e);
    }
  }

  private static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
