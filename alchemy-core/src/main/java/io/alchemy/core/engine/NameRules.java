package io.alchemy.core.engine;

import io.alchemy.core.InvalidNameException;

/**
 * What an app, stage, scope or resource name may contain. Names become folder names, keys and
 * physical names, so anything that could climb out of a folder or split a path is refused.
 */
public final class NameRules {

  /**
   * The longest app or stage name: each is one folder name, and a file system refuses a name
   * longer than 255 bytes (fewer for multi-byte characters, and the state key adds {@code @local}),
   * with an error that says nothing about the name. 64 leaves room and reads well in logs.
   */
  public static final int MAX_FOLDER_NAME_LENGTH = 64;

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
    if (problem == null && name.isBlank()) {
      problem = "is blank";
    }
    if (problem == null && name.startsWith(".")) {
      problem = "starts with '.'";
    }
    if (problem == null && name.contains("@")) {
      problem = "contains '@'";
    }
    if (problem == null && name.length() > MAX_FOLDER_NAME_LENGTH) {
      problem = "is " + name.length() + " characters long";
    }
    if (problem != null) {
      String suggestion = suggestFolderName(name);
      throw new InvalidNameException(what, "The " + what + " name " + quote(name) + " " + problem
          + ". It names a state folder, so it may not be empty or blank, start with '.', contain"
          + " / \\ : @ .. or control characters, or be longer than " + MAX_FOLDER_NAME_LENGTH
          + " characters. " + fix + (suggestion == null ? "" : ", e.g. " + quote(suggestion))
          + ".");
    }
  }

  /**
   * A valid app or stage name close to {@code name}, for messages: {@code feature/login} becomes
   * {@code feature-login}, a too long name is cut to the limit.
   *
   * @return the suggestion, or {@code null} when {@code name} has nothing to build one from (it
   *     is empty or blank)
   */
  public static String suggestFolderName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String cleaned = name.strip().replaceAll("[/\\\\:@\\p{Cntrl}]", "-").replaceAll("\\.{2,}", "-")
        .replaceAll("^[.-]+", "");
    if (cleaned.length() > MAX_FOLDER_NAME_LENGTH) {
      cleaned = cleaned.substring(0, MAX_FOLDER_NAME_LENGTH);
    }
    cleaned = cleaned.replaceAll("-+$", "");
    return cleaned.isEmpty() ? null : cleaned;
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
    // Nothing but dots and dashes left (say, for "..") says nothing: suggest a real name.
    return cleaned.matches("[.-]*") ? "api" : cleaned;
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
