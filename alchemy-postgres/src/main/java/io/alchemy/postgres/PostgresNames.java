package io.alchemy.postgres;

import io.alchemy.core.InvalidNameException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names the PostgreSQL providers accept, and how they are quoted.
 *
 * <p>A name starts with a letter or an underscore, continues with letters, digits, underscores,
 * {@code $} or {@code -}, and is at most 63 bytes long (PostgreSQL silently truncates longer
 * ones, so two long names could become one). Names are always double-quoted in SQL, so case is
 * kept: {@code App} and {@code app} are two roles. Role and schema names may not start with
 * {@code pg_}, which PostgreSQL reserves.
 */
public final class PostgresNames {

  /** The longest identifier PostgreSQL keeps, in bytes (NAMEDATALEN - 1). */
  public static final int MAX_BYTES = 63;

  /** The rule, as error messages state it. */
  public static final String RULE = "PostgreSQL names managed by Alchemy start with a letter or an"
      + " underscore, continue with letters, digits, underscores, $ or -, and are at most "
      + MAX_BYTES + " bytes long (they are always double-quoted, so upper and lower case differ;"
      + " role and schema names may not start with pg_)";

  private static final Pattern FIRST = Pattern.compile("[A-Za-z_]");
  private static final Pattern REST = Pattern.compile("[A-Za-z0-9_$-]");
  private static final Pattern ENCODING = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
  private static final Map<String, String> SERVER_ENCODINGS = serverEncodings();

  private PostgresNames() {}

  /** Whether {@code name} is acceptable as a {@code kind} ({@code role}, {@code database}, ...). */
  public static boolean isValid(String kind, String name) {
    return problem(kind, name) == null;
  }

  /**
   * Checks a name.
   *
   * @param resource who uses it, e.g. {@code Resource my-app/dev/db (postgres::Database)}, or
   *     {@code null} when the caller's message names the resource already
   * @param kind what it names: {@code role}, {@code database}, {@code schema}, {@code owner role}
   * @throws InvalidNameException naming the resource, the bad name and the rule
   */
  public static void check(String resource, String kind, String name) {
    String problem = problem(kind, name);
    if (problem != null) {
      String shown = name == null ? "null" : "\"" + printable(name) + "\"";
      throw new InvalidNameException("PostgreSQL " + kind + " name",
          (resource == null ? "The " : resource + ": the ") + kind + " name " + shown
              + " cannot be used: " + problem + ". " + RULE + ". Choose another name; nothing"
              + " was created or changed.");
    }
  }

  /**
   * Checks an encoding name such as {@code UTF8}.
   *
   * @throws InvalidNameException when it is not a plain encoding name
   */
  public static void checkEncoding(String resource, String encoding) {
    if (encoding == null || !ENCODING.matcher(encoding).matches()) {
      throw new InvalidNameException("PostgreSQL encoding", (resource == null ? "The " : resource
          + ": the ") + "encoding " + (encoding == null ? "null" : "\"" + printable(encoding)
          + "\"") + " cannot be used: an encoding is a name such as UTF8, LATIN1 or SQL_ASCII"
          + " (letters, digits, _ and -). Nothing was created or changed.");
    }
  }

  /** An encoding name as PostgreSQL compares them: {@code utf-8} and {@code UTF8} are one. */
  static String normalizeEncoding(String encoding) {
    return encoding.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  /**
   * The name PostgreSQL gives a server encoding, as {@code pg_encoding_to_char} returns it: {@code
   * utf-8} and {@code unicode} are {@code UTF8}. Client-only encodings, which no database can
   * have, are not known.
   *
   * @return the name, or {@code null} for an encoding not known here
   */
  static String serverEncoding(String encoding) {
    return encoding == null ? null : SERVER_ENCODINGS.get(normalizeEncoding(encoding));
  }

  private static Map<String, String> serverEncodings() {
    Map<String, String> names = new HashMap<>();
    for (String name : List.of("SQL_ASCII", "UTF8", "MULE_INTERNAL", "EUC_JP", "EUC_CN",
        "EUC_KR", "EUC_TW", "EUC_JIS_2004", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5",
        "LATIN6", "LATIN7", "LATIN8", "LATIN9", "LATIN10", "ISO_8859_5", "ISO_8859_6",
        "ISO_8859_7", "ISO_8859_8", "KOI8R", "KOI8U", "WIN866", "WIN874", "WIN1250", "WIN1251",
        "WIN1252", "WIN1253", "WIN1254", "WIN1255", "WIN1256", "WIN1257", "WIN1258")) {
      names.put(normalizeEncoding(name), name);
    }
    names.put("UNICODE", "UTF8");
    return Map.copyOf(names);
  }

  /** {@code name} as a double-quoted SQL identifier, embedded quotes doubled. */
  public static String quote(String name) {
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an identifier cannot contain a NUL character");
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * {@code value} as an SQL string literal in escape-string form ({@code E'...'}), so it means the
   * same whatever {@code standard_conforming_strings} is: backslashes and single quotes doubled.
   */
  public static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a PostgreSQL string cannot contain a NUL character");
    }
    return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private static String problem(String kind, String name) {
    if (name == null || name.isEmpty()) {
      return "it is empty";
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      return "it is " + bytes + " bytes long, and PostgreSQL would silently cut it to " + MAX_BYTES;
    }
    String first = name.substring(0, name.offsetByCodePoints(0, 1));
    if (!FIRST.matcher(first).matches()) {
      return "it starts with " + describe(first);
    }
    for (int i = first.length(); i < name.length(); ) {
      String c = name.substring(i, name.offsetByCodePoints(i, 1));
      if (!REST.matcher(c).matches()) {
        return "it contains " + describe(c);
      }
      i += c.length();
    }
    if (!kind.contains("database") && name.toLowerCase(Locale.ROOT).startsWith("pg_")) {
      return "names starting with pg_ are reserved by PostgreSQL";
    }
    return null;
  }

  private static String describe(String c) {
    int cp = c.codePointAt(0);
    if (cp == ' ') {
      return "a space";
    }
    if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
      return String.format("the control character U+%04X", cp);
    }
    return "'" + c + "'";
  }

  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        out.append(String.format("\\u%04X", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.length() > 100 ? out.substring(0, 100) + "..." : out.toString();
  }
}
