package io.alchemy.core.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads resource and scope records, as every store writes them ({@link StateJson#mapper()} on
 * the records, format versions 1 and 2), with Jackson's streaming parser: the record's own
 * fields by name, its values (props, outputs, scope values) as trees.
 *
 * <p>Why not the mapper's bean deserializers: building them for the records costs a few hundred
 * classes at every start, and binding through a tree of the whole state a second pass over it;
 * both dominate opening a stage with nothing to do. Reading follows what those deserializers
 * accepted: unknown fields are skipped, a missing number is 0, an explicit {@code null} value is
 * a {@link com.fasterxml.jackson.databind.node.NullNode}, the last of two equal fields wins.
 * Writing stays with the mapper and the records' annotations.
 */
public final class RecordJson {

  private static final ObjectMapper MAPPER = StateJson.mapper();
  private static final ResourceStatus[] STATUSES = ResourceStatus.values();

  private RecordJson() {}

  /**
   * Reads a resource record from {@code parser}, at its {@code START_OBJECT} or just before it,
   * and leaves the parser at the record's {@code END_OBJECT}.
   *
   * @throws com.fasterxml.jackson.core.JsonParseException when the input is not valid JSON
   * @throws MismatchedInputException when it is valid JSON but not a resource record
   * @throws NullPointerException when the record has no scope or id
   * @throws IOException when the input cannot be read
   */
  public static ResourceRecord readResource(JsonParser parser) throws IOException {
    startObject(parser, "a resource record");
    int formatVersion = 0;
    String scope = null;
    String id = null;
    String fqn = null;
    String type = null;
    long seq = 0;
    ResourceStatus status = null;
    JsonNode props = null;
    JsonNode output = null;
    JsonNode pendingProps = null;
    List<ResourceRecord.Instance> replaced = null;
    Map<String, Map<String, String>> settings = null;
    List<String> predecessors = null;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      switch (name) {
        case "formatVersion" -> formatVersion = (int) number(parser, name, true);
        case "scope" -> scope = text(parser, name);
        case "id" -> id = text(parser, name);
        case "fqn" -> fqn = text(parser, name);
        case "type" -> type = text(parser, name);
        case "seq" -> seq = number(parser, name, false);
        case "status" -> status = status(parser);
        case "props" -> props = tree(parser);
        case "output" -> output = tree(parser);
        case "pendingProps" -> pendingProps = tree(parser);
        case "replaced" -> replaced = instances(parser);
        case "settings" -> settings = settings(parser);
        case "predecessors" -> predecessors = texts(parser, name);
        default -> parser.skipChildren();
      }
    }
    endObject(parser, "a resource record");
    return new ResourceRecord(formatVersion, scope, id, fqn, type, seq, status, props, output,
        pendingProps, replaced, settings, predecessors);
  }

  /**
   * Reads a scope record from {@code parser}, at its {@code START_OBJECT} or just before it, and
   * leaves the parser at the record's {@code END_OBJECT}.
   *
   * @throws com.fasterxml.jackson.core.JsonParseException when the input is not valid JSON
   * @throws MismatchedInputException when it is valid JSON but not a scope record
   * @throws IOException when the input cannot be read
   */
  public static ScopeRecord readScope(JsonParser parser) throws IOException {
    startObject(parser, "a scope record");
    int formatVersion = 0;
    String scope = null;
    Map<String, JsonNode> values = null;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      parser.nextToken();
      switch (name) {
        case "formatVersion" -> formatVersion = (int) number(parser, name, true);
        case "scope" -> scope = text(parser, name);
        case "values" -> values = values(parser);
        default -> parser.skipChildren();
      }
    }
    endObject(parser, "a scope record");
    return new ScopeRecord(formatVersion, scope, values);
  }

  /** {@link #readResource(JsonParser)} of a record already read as a tree. */
  public static ResourceRecord resource(JsonNode tree) throws JsonProcessingException {
    try (JsonParser parser = tree.traverse(MAPPER)) {
      return readResource(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // a tree is in memory: there is no input to fail
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #readScope(JsonParser)} of a record already read as a tree. */
  public static ScopeRecord scope(JsonNode tree) throws JsonProcessingException {
    try (JsonParser parser = tree.traverse(MAPPER)) {
      return readScope(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Valid JSON of the wrong shape, as Jackson's binding reports it. */
  private static MismatchedInputException mismatch(JsonParser parser, String message) {
    return MismatchedInputException.from(parser, (Class<?>) null, message);
  }

  private static void startObject(JsonParser parser, String what) throws IOException {
    JsonToken token = parser.currentToken() == null || parser.currentToken() == JsonToken.FIELD_NAME
        ? parser.nextToken() : parser.currentToken();
    if (token != JsonToken.START_OBJECT) {
      throw mismatch(parser, what + " must be a JSON object, not " + token);
    }
  }

  private static void endObject(JsonParser parser, String what) throws IOException {
    if (parser.currentToken() != JsonToken.END_OBJECT) {
      throw mismatch(parser, what + " ends unexpectedly");
    }
  }

  /** A JSON value, {@code null} included, as a tree; the parser is at its first token. */
  private static JsonNode tree(JsonParser parser) throws IOException {
    return MAPPER.readTree(parser);
  }

  /** A whole number, as Jackson binds one: a number or a numeric string; {@code null} is 0. */
  private static long number(JsonParser parser, String field, boolean isInt) throws IOException {
    long value;
    switch (parser.currentToken()) {
      case VALUE_NULL:
        return 0;
      case VALUE_NUMBER_INT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw mismatch(parser, "'" + field + "' is out of range");
        }
        value = parser.getLongValue();
        break;
      case VALUE_NUMBER_FLOAT:
        // Jackson binds 2.0 to a whole number too, dropping any fraction.
        value = parser.getValueAsLong();
        break;
      case VALUE_STRING:
        try {
          value = Long.parseLong(parser.getText().trim());
        } catch (NumberFormatException e) {
          throw mismatch(parser, "'" + field + "' is not a number");
        }
        break;
      default:
        throw mismatch(parser, "'" + field + "' is not a number");
    }
    if (isInt && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      throw mismatch(parser, "'" + field + "' is out of range");
    }
    return value;
  }

  /** A string, or a number or boolean as its text, as Jackson binds a {@code String}. */
  private static String text(JsonParser parser, String field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (!token.isScalarValue()) {
      throw mismatch(parser, "'" + field + "' is not a string");
    }
    return parser.getText();
  }

  private static ResourceStatus status(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw mismatch(parser, "'status' is not a string");
    }
    String name = parser.getText();
    // Five names compared in place: Enum.valueOf showed among the hottest frames of a cold
    // opening of 10,000 records.
    for (ResourceStatus status : STATUSES) {
      if (status.name().equals(name)) {
        return status;
      }
    }
    throw mismatch(parser, "'status' is '" + name + "', not one of "
        + java.util.Arrays.toString(STATUSES));
  }

  private static List<String> texts(JsonParser parser, String field) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw mismatch(parser, "'" + field + "' is not a list");
    }
    List<String> texts = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      texts.add(text(parser, field));
    }
    return texts;
  }

  private static List<ResourceRecord.Instance> instances(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw mismatch(parser, "'replaced' is not a list");
    }
    List<ResourceRecord.Instance> instances = new ArrayList<>();
    for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == JsonToken.VALUE_NULL) {
        instances.add(null);
        continue;
      }
      startObject(parser, "a replaced instance");
      JsonNode props = null;
      JsonNode output = null;
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        parser.nextToken();
        switch (name) {
          case "props" -> props = tree(parser);
          case "output" -> output = tree(parser);
          default -> parser.skipChildren();
        }
      }
      endObject(parser, "a replaced instance");
      instances.add(new ResourceRecord.Instance(props, output));
    }
    return instances;
  }

  private static Map<String, Map<String, String>> settings(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    startObject(parser, "'settings'");
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    for (String kind = parser.nextFieldName(); kind != null; kind = parser.nextFieldName()) {
      if (parser.nextToken() == JsonToken.VALUE_NULL) {
        settings.put(kind, null);
        continue;
      }
      startObject(parser, "'settings' of " + kind);
      Map<String, String> values = new LinkedHashMap<>();
      for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
        parser.nextToken();
        values.put(key, text(parser, "settings"));
      }
      endObject(parser, "'settings' of " + kind);
      settings.put(kind, values);
    }
    endObject(parser, "'settings'");
    return settings;
  }

  private static Map<String, JsonNode> values(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    startObject(parser, "'values'");
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      parser.nextToken();
      values.put(key, tree(parser));
    }
    endObject(parser, "'values'");
    return values;
  }
}
