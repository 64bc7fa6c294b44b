package io.alchemy.core.engine;

import io.alchemy.core.InvalidNameException;

/**
 * What an app, stage, scope or resource name may contain. Names become folder names, keys and
 * physical names, so anything that could climb out of a folder or split a path is refused.
 */
public final class NameRules {

  private NameRules() {}

  /**
   * Checks an app or stage name, which become folder names.
   *
   * @param what e.g. {@code "stage"}, used in the message
   * @param name the name
   * @param fix how to set another one, e.g. {@code "set -Dalchemy.stage=prod"}
   */
  public static void checkFolderName(String what, String name, String fix) {
    String problem = problem(name);
    if (problem == null && name.startsWith(".")) {
      problem = "starts with '.'";
    }
    if (problem == null && name.contains("@")) {
      problem = "contains '@'";
    }
    if (problem != null) {
      throw new InvalidNameException(what, "The " + what + " name " + quote(name) + " " + problem
          + ". It names a state folder, so it may not be empty, start with '.', or contain"
          + " / \\ : @ .. or control characters. " + fix + ".");
    }
  }

  /**
   * Checks a resource id or child scope name.
   *
   * @param what {@code "resource id"} or {@code "scope name"}
   * @param name the name
   * @param scopeFqn the scope it is declared in, for the message
   */
  public static void checkId(String what, String name, String scopeFqn) {
    String problem = problem(name);
    if (problem == null && name.equals(".")) {
      problem = "is '.'";
    }
    if (problem != null) {
      throw new InvalidNameException(what, "The " + what + " " + quote(name) + " in scope " + scopeFqn
          + " " + problem + ". Ids may not be empty or contain / \\ : .. or control characters,"
          + " because they become part of fully qualified names and state keys. Rename it, e.g. "
          + quote(suggest(name)) + ".");
    }
  }

  private static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "is empty";
    }
    if (name.contains("..")) {
      return "contains '..'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || c == ':') {
        return "contains '" + c + "'";
      }
      if (Character.isISOControl(c)) {
        return "contains a control character";
      }
    }
    return null;
  }

  private static String suggest(String name) {
    if (name == null || name.isEmpty()) {
      return "api";
    }
    String cleaned = name.replaceAll("[/\\\\:\\p{Cntrl}]", "-").replace("..", "-");
    return cleaned.equals(".") || cleaned.isEmpty() ? "api" : cleaned;
  }

  /** Quotes a name for a message, showing control characters as escapes. */
  static String quote(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }
}
