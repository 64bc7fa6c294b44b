package io.alchemy.aws;

import io.alchemy.core.Scope;
import java.util.Locale;
import java.util.regex.Pattern;

/** S3's rules for general purpose bucket names, checked before any request is sent. */
final class BucketNames {

  static final String RULE = "S3 bucket names are 3 to 63 characters of lowercase letters,"
      + " digits, dots and hyphens, start and end with a letter or digit, have no two dots in a"
      + " row, are not formatted like an IP address, and do not start with xn-- or sthree- or end"
      + " with -s3alias or --ol-s3";

  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private BucketNames() {}

  /** What is wrong with {@code name}, or {@code null} when it is a valid bucket name. */
  static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "is empty";
    }
    if (name.length() < 3 || name.length() > 63) {
      return "has " + name.length() + " characters";
    }
    if (!SHAPE.matcher(name).matches()) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
          return "contains " + (Character.isUpperCase(c) ? "the uppercase letter '" + c + "'"
              : Character.isISOControl(c) ? "a control character" : "'" + c + "'");
        }
      }
      return "does not start and end with a letter or digit";
    }
    if (name.contains("..")) {
      return "contains two dots in a row";
    }
    if (IP.matcher(name).matches()) {
      return "is formatted like an IP address";
    }
    if (name.startsWith("xn--") || name.startsWith("sthree-")) {
      return "starts with a reserved prefix";
    }
    if (name.endsWith("-s3alias") || name.endsWith("--ol-s3")) {
      return "ends with a reserved suffix";
    }
    return null;
  }

  /**
   * Fails with a message naming the resource, the name and the rule when {@code name} is not a
   * valid bucket name.
   */
  static void check(String name, String fqn, String id) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException("The bucket name " + quote(name) + " of resource " + fqn
          + " is not a valid S3 bucket name: it " + problem + ". " + RULE + ". Bucket names are"
          + " global across all AWS accounts, so derive them from the scope:"
          + " S3Bucket.physicalName(scope, \"" + id + "\") gives a valid, unique name"
          + " (scope.createPhysicalName(\"" + id + "\") lowercased). Nothing was created.");
    }
  }

  /** A valid, deterministic bucket name for {@code id} in {@code scope}. */
  static String physicalName(Scope scope, String id) {
    String name = scope.createPhysicalName(id, "-", 63).toLowerCase(Locale.ROOT).replace('_', '-');
    name = name.replaceAll("^[.-]+|[.-]+$", "").replaceAll("\\.{2,}", ".");
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException("Cannot derive a valid S3 bucket name for " + scope.fqn(id)
          + ": " + quote(name) + " " + problem + ". Pass an explicit name instead. " + RULE + ".");
    }
    return name;
  }

  private static String quote(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    for (char c : name.toCharArray()) {
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.append('\'').toString();
  }
}
