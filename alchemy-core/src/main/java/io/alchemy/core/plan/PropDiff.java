package io.alchemy.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alchemy.core.secret.SecretModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The props that differ between two JSON trees of props, leaf by leaf, fit to print: secrets
 * only say that they changed, unknown values print as {@value Unknowns#TEXT}.
 */
public final class PropDiff {

  /** Numbers compare by value: a long 1 read back from state is an int 1. */
  private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private PropDiff() {}

  /** Whether two trees hold the same values; numbers compare by value. */
  public static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(BY_VALUE, b);
  }

  /**
   * What changes from {@code before} to {@code after}, in field order.
   *
   * @param before the recorded props, unsealed; {@code null} when there are none
   * @param after the desired props
   */
  public static List<PropChange> between(JsonNode before, JsonNode after) {
    List<PropChange> changes = new ArrayList<>();
    diff("", before, after, changes);
    return changes;
  }

  private static void diff(String path, JsonNode before, JsonNode after,
      List<PropChange> changes) {
    if (before == null || before.isMissingNode()) {
      before = null;
    }
    if (after == null || after.isMissingNode()) {
      after = null;
    }
    if (before != null && same(before, after)) {
      return;
    }
    if (isSecret(before) || isSecret(after)) {
      changes.add(new PropChange(path, null, null, true));
      return;
    }
    if (before != null && after != null && before.isObject() && after.isObject()) {
      Set<String> fields = new LinkedHashSet<>();
      before.fieldNames().forEachRemaining(fields::add);
      after.fieldNames().forEachRemaining(fields::add);
      for (String field : fields) {
        diff(path.isEmpty() ? field : path + "." + field, before.get(field), after.get(field),
            changes);
      }
      return;
    }
    if (before != null && after != null && before.isArray() && after.isArray()
        && before.size() == after.size()) {
      for (int i = 0; i < before.size(); i++) {
        diff(path + "[" + i + "]", before.get(i), after.get(i), changes);
      }
      return;
    }
    if (before == null && after == null) {
      return;
    }
    if (path.isEmpty()) {
      path = "(props)";
    }
    changes.add(new PropChange(path, text(before), text(after), false));
  }

  /** A plain secret marker, as in unsealed props. */
  private static boolean isSecret(JsonNode node) {
    return node != null && node.isObject() && node.size() == 1
        && (node.has(SecretModule.PLAIN) || node.has(SecretModule.SEALED));
  }

  /** JSON text of a value, with secrets masked and unknowns printed; {@code null} for none. */
  static String text(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String value = node.asText();
      return Unknowns.isMarker(value) ? Unknowns.TEXT
          : TextNode.valueOf(Unknowns.print(value)).toString();
    }
    if (node.isContainerNode() && (hasSecret(node) || Unknowns.in(node))) {
      return masked(node).toString();
    }
    return node.toString();
  }

  private static boolean hasSecret(JsonNode node) {
    if (isSecret(node)) {
      return true;
    }
    for (JsonNode child : node) {
      if (hasSecret(child)) {
        return true;
      }
    }
    return false;
  }


  private static JsonNode masked(JsonNode node) {
    JsonNodeFactory nodes =
        JsonNodeFactory.instance;
    if (isSecret(node)) {
      return nodes.textNode("(secret)");
    }
    if (node.isTextual()) {
      return nodes.textNode(Unknowns.print(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode copy = nodes.objectNode();
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        copy.set(name, masked(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = nodes.arrayNode();
      node.forEach(child -> copy.add(masked(child)));
      return copy;
    }
    return node;
  }
}
