package io.alchemy.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values only {@code up} can know, such as the id a cloud gives a new resource. A plan stands one
 * in with a marker string that flows into later props like any value, so a definition runs to its
 * end in the plan phase; wherever a marker shows, the plan prints {@value #TEXT}.
 */
public final class Unknowns {

  /** How an unknown value prints. */
  public static final String TEXT = "(known after up)";

  private static final String START = "${alchemy.unknown:";
  private static final Pattern MARKER = Pattern.compile(Pattern.quote(START) + "[^}]*\\}");

  private Unknowns() {}

  /**
   * A marker for the value of {@code field} of resource {@code fqn}.
   *
   * @param fqn the resource whose output it belongs to
   * @param field the output field, e.g. {@code arn}
   */
  public static String marker(String fqn, String field) {
    return START + fqn.replace("}", "") + "#" + field.replace("}", "") + "}";
  }

  /** Whether {@code text} holds a marker anywhere, e.g. concatenated into a URL. */
  public static boolean in(String text) {
    return text != null && text.contains(START);
  }

  /** Whether {@code tree} holds a marker in any of its strings. */
  public static boolean in(JsonNode tree) {
    if (tree == null) {
      return false;
    }
    if (tree.isTextual()) {
      return in(tree.asText());
    }
    for (JsonNode child : tree) {
      if (in(child)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} is one marker and nothing else. */
  public static boolean isMarker(String text) {
    return text != null && text.startsWith(START) && text.indexOf('}') == text.length() - 1;
  }

  /** {@code text} with every marker printed as {@value #TEXT}. */
  public static String print(String text) {
    return in(text) ? MARKER.matcher(text).replaceAll(Matcher.quoteReplacement(TEXT)) : text;
  }
}
