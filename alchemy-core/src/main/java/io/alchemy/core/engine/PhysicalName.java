package io.alchemy.core.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds physical names: {@code {app}{d}{scopes below the stage}{d}{id}{d}{stage}} with every
 * character outside {@code [A-Za-z0-9_-]} replaced by the delimiter {@code d}.
 *
 * <p>When a character had to be replaced, or the name is longer than the maximum, the name keeps
 * a readable prefix and ends with the delimiter and 8 hex digits of the SHA-256 of the
 * unambiguous full name (parts joined by {@code /}), so distinct inputs give distinct names.
 */
public final class PhysicalName {

  /** Hex digits of the hash suffix. */
  static final int HASH_LENGTH = 8;

  private static final Pattern DISALLOWED = Pattern.compile("[^A-Za-z0-9_-]");

  private PhysicalName() {}

  /**
   * @param app the app name
   * @param scopes scope names below the stage, outermost first
   * @param id the resource id
   * @param stage the stage
   * @param delimiter what joins the parts and replaces disallowed characters
   * @param maxLength the longest result allowed; {@link Integer#MAX_VALUE} for no limit
   */
  public static String create(
      String app, List<String> scopes, String id, String stage, String delimiter, int maxLength) {
    if (delimiter == null) {
      throw new IllegalArgumentException("delimiter must not be null; use \"-\" or \"\"");
    }
    int minimum = HASH_LENGTH + 2;
    if (maxLength < minimum) {
      throw new IllegalArgumentException("maxLength " + maxLength + " is too short for a unique"
          + " physical name of " + id + "; use at least " + minimum);
    }
    List<String> parts = new ArrayList<>();
    parts.add(app);
    parts.addAll(scopes);
    parts.add(id);
    parts.add(stage);
    String replacement = Matcher.quoteReplacement(delimiter);
    List<String> cleanedParts = new ArrayList<>();
    for (String part : parts) {
      cleanedParts.add(DISALLOWED.matcher(part).replaceAll(replacement));
    }
    boolean changed = !cleanedParts.equals(parts);
    String cleaned = String.join(delimiter, cleanedParts);
    if (!changed && cleaned.length() <= maxLength) {
      return cleaned;
    }
    String hash = hash(String.join("/", parts));
    String suffix = delimiter + hash;
    int keep = Math.max(0, Math.min(cleaned.length(), maxLength - suffix.length()));
    String prefix = cleaned.substring(0, keep);
    while (!delimiter.isEmpty() && prefix.endsWith(delimiter)) {
      prefix = prefix.substring(0, prefix.length() - delimiter.length());
    }
    return prefix.isEmpty() ? hash : prefix + suffix;
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
