package io.alchemy.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alchemy.core.AlchemyException;
import io.alchemy.core.state.StateJson;
import io.alchemy.core.plan.PropDiff;

/** Converts props and outputs to and from JSON trees and compares them. */
final class JsonValues {

  private JsonValues() {}

  static JsonNode toTree(Object value) {
    return value == null ? null : StateJson.mapper().valueToTree(value);
  }

  static <T> T fromTree(JsonNode node, Class<T> type, String what) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return StateJson.mapper().treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new AlchemyException("Cannot read the recorded " + what + " as " + type.getName()
          + ": " + AlchemyException.describe(e) + ". The class changed in a way old state cannot"
          + " follow; keep the old field names, or give the resource a new id.", e);
    }
  }

  /** Numbers compare by value: a long 1 read back from state is an int 1. */
  static boolean same(JsonNode a, JsonNode b) {
    return PropDiff.same(a, b);
  }
}
