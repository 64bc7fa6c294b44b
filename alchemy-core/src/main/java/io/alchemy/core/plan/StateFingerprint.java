package io.alchemy.core.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alchemy.core.state.ResourceRecord;
import io.alchemy.core.state.ScopeRecord;
import io.alchemy.core.state.StateJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A digest of a stage's state, the same whichever backend holds it: records and scope data in a
 * canonical JSON form (sorted addresses, sorted fields), hashed with SHA-256. A plan records the
 * fingerprint of the state it saw, so that applying it on any other state is refused.
 */
public final class StateFingerprint {

  private StateFingerprint() {}

  /** {@code sha256:<hex>} of {@code resources} and {@code scopes}. */
  public static String of(Map<String, ResourceRecord> resources,
      Map<String, ScopeRecord> scopes) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    for (ResourceRecord record : new TreeMap<>(resources).values()) {
      add(digest, "resource", StateJson.mapper().valueToTree(record));
    }
    for (ScopeRecord record : new TreeMap<>(scopes).values()) {
      add(digest, "scope", StateJson.mapper().valueToTree(record));
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static void add(MessageDigest digest, String kind, JsonNode tree) {
    try {
      byte[] bytes = StateJson.mapper().writeValueAsBytes(canonical(tree));
      digest.update((kind + ":" + bytes.length + ":").getBytes(StandardCharsets.UTF_8));
      digest.update(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Fields sorted at every level: a backend that stores JSON may keep another order. */
  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      for (String name : new TreeSet<String>(iterable(node))) {
        sorted.set(name, canonical(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      var copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> copy.add(canonical(child)));
      return copy;
    }
    return node;
  }

  private static java.util.List<String> iterable(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
