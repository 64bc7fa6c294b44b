package io.alchemy.state.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.state.StateJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A copy of every record object of a stage, with the ETag each had, written by a run when it
 * closes (before it releases the lock): the next open lists the record objects (one request per
 * 1,000) and reads only those whose ETag differs from the copy, instead of one GET per record.
 *
 * <p>The record objects stay the truth. The copy is only trusted object by object, where the
 * listed ETag matches, so a run that crashed after writing records (and before writing the copy)
 * costs the next open only the GETs of what it changed; a missing or unreadable copy costs all of
 * them, as without it.
 */
final class S3StageSnapshot {

  /** What an object held, and the ETag (without quotes) that says it still does. */
  record Entry(String etag, byte[] body) {}

  private static final ObjectMapper MAPPER = StateJson.mapper();
  private static final int VERSION = 1;

  private S3StageSnapshot() {}

  /** The copy of the stage, by object key; empty when there is none or it cannot be used. */
  static Map<String, Entry> read(S3Client s3, S3StageKeys keys) {
    Map<String, Entry> entries = new HashMap<>();
    JsonNode root;
    try {
      root = MAPPER.readTree(s3.getObjectAsBytes(get -> get.bucket(keys.bucket())
          .key(keys.snapshot())).asByteArray());
    } catch (NoSuchKeyException e) {
      return entries;
    } catch (SdkException | IOException e) {
      return entries; // unreadable: every record is read from its own object
    }
    if (root == null || root.path("version").asInt() != VERSION) {
      return entries;
    }
    Iterator<Map.Entry<String, JsonNode>> objects = root.path("objects").fields();
    while (objects.hasNext()) {
      Map.Entry<String, JsonNode> object = objects.next();
      String etag = object.getValue().path("etag").asText(null);
      JsonNode record = object.getValue().get("record");
      if (etag == null || record == null) {
        continue;
      }
      try {
        entries.put(object.getKey(), new Entry(etag, MAPPER.writeValueAsBytes(record)));
      } catch (IOException e) {
        // that entry is read from its object
      }
    }
    return entries;
  }

  /**
   * Writes the copy of {@code objects}, or deletes it when the stage holds no record any more.
   *
   * @throws SdkException when the request fails
   * @throws IOException when a record is not JSON (never for what Alchemy wrote)
   */
  static void write(S3Client s3, S3StageKeys keys, Map<String, Entry> objects)
      throws IOException {
    if (objects.isEmpty()) {
      s3.deleteObject(delete -> delete.bucket(keys.bucket()).key(keys.snapshot()));
      return;
    }
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    ObjectNode copies = root.putObject("objects");
    for (Map.Entry<String, Entry> object : objects.entrySet()) {
      ObjectNode copy = copies.putObject(object.getKey());
      copy.put("etag", object.getValue().etag());
      copy.set("record", MAPPER.readTree(object.getValue().body()));
    }
    byte[] body = MAPPER.writeValueAsBytes(root);
    s3.putObject(put -> put.bucket(keys.bucket()).key(keys.snapshot())
        .contentType("application/json"), RequestBody.fromBytes(body));
  }

  /** An ETag as S3 lists it ({@code "abc"}), without the quotes. */
  static String etag(String quoted) {
    if (quoted == null) {
      return null;
    }
    return quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"")
        ? quoted.substring(1, quoted.length() - 1) : quoted;
  }
}
