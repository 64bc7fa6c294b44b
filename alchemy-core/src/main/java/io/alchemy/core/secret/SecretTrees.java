package io.alchemy.core.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Finds secrets in JSON trees and swaps their plain markers for encrypted envelopes and back.
 * Trees without secrets are returned as they are, without copying.
 */
public final class SecretTrees {

  private SecretTrees() {}

  /** Whether {@code node} holds a plain secret marker anywhere. */
  public static boolean hasPlain(JsonNode node) {
    return has(node, SecretModule.PLAIN);
  }

  /** Whether {@code node} holds an encrypted secret anywhere. */
  public static boolean hasSealed(JsonNode node) {
    return has(node, SecretModule.SEALED);
  }

  private static boolean has(JsonNode node, String marker) {
    if (node == null || !node.isContainerNode()) {
      return false;
    }
    if (node.isObject() && node.size() == 1 && node.has(marker)) {
      return true;
    }
    for (JsonNode child : node) {
      if (has(child, marker)) {
        return true;
      }
    }
    return false;
  }

  /** Replaces every plain marker with {@code seal.apply(plainValue)}. */
  public static JsonNode seal(JsonNode node, Function<String, JsonNode> seal) {
    return hasPlain(node)
        ? map(node, SecretModule.PLAIN, (value, n) -> wrap(SecretModule.SEALED, seal.apply(value.asText())))
        : node;
  }

  /** Replaces every encrypted envelope with a plain marker of {@code open.apply(envelope)}. */
  public static JsonNode unseal(JsonNode node, Function<JsonNode, String> open) {
    return hasSealed(node)
        ? map(node, SecretModule.SEALED, (envelope, n) ->
            wrap(SecretModule.PLAIN, JsonNodeFactory.instance.textNode(open.apply(envelope))))
        : node;
  }

  /**
   * A copy fit to print: every secret, encrypted or plain, shows as {@code "Secret[****]"}.
   * For outputs shown to people, e.g. by the read goal.
   */
  public static JsonNode mask(JsonNode node) {
    JsonNode masked = JsonNodeFactory.instance.textNode(Secret.of("").toString());
    JsonNode sealedMasked = hasSealed(node)
        ? map(node, SecretModule.SEALED, (value, n) -> masked) : node;
    return hasPlain(sealedMasked)
        ? map(sealedMasked, SecretModule.PLAIN, (value, n) -> masked) : sealedMasked;
  }

  /** Calls {@code visit} with every encrypted envelope in {@code node}. */
  public static void forEachSealed(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
    if (node == null || !node.isContainerNode()) {
      return;
    }
    if (node.isObject() && node.size() == 1 && node.has(SecretModule.SEALED)) {
      visit.accept(node.get(SecretModule.SEALED));
      return;
    }
    for (JsonNode child : node) {
      forEachSealed(child, visit);
    }
  }

  private static JsonNode map(
      JsonNode node, String marker, BiFunction<JsonNode, JsonNode, JsonNode> replace) {
    if (node.isObject()) {
      if (node.size() == 1 && node.has(marker)) {
        return replace.apply(node.get(marker), node);
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), map(field.getValue(), marker, replace));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (JsonNode child : node) {
        copy.add(map(child, marker, replace));
      }
      return copy;
    }
    return node;
  }

  private static ObjectNode wrap(String marker, JsonNode value) {
    ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
    wrapper.set(marker, value);
    return wrapper;
  }
}
