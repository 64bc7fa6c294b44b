package io.alchemy.docs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown file.
 *
 * @param file the Markdown file, relative to the repository root, for messages
 * @param fenceLine the 1-based line of the opening {@code ```java} fence; the code's first line is
 *     the next one
 * @param code the block's lines, with the indentation they share (a block in a list item)
 *     removed
 */
record DocSnippet(String file, int fenceLine, String code) {

  /** A top-level type declaration, at the left margin of the block. */
  private static final Pattern TYPE_DECLARATION = Pattern.compile(
      "^(?:(?:public|final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
      Pattern.MULTILINE);

  private static final Pattern PACKAGE_OR_IMPORT = Pattern.compile(
      "^(?:package|import)\\s", Pattern.MULTILINE);

  /**
   * Whether the block is a whole source file (it declares a type, or has a package or import
   * line), to be compiled as written, imports included; otherwise it is a fragment of a
   * definition's {@code define(Scope scope)} body.
   */
  boolean isSourceFile() {
    return TYPE_DECLARATION.matcher(code).find() || PACKAGE_OR_IMPORT.matcher(code).find();
  }

  /** The first type the block declares, which names its source file; {@code null} for none. */
  String declaredType() {
    Matcher m = TYPE_DECLARATION.matcher(code);
    return m.find() ? m.group(1) : null;
  }

  /** {@code file:line} of the code line {@code codeLine} (1-based), as an editor links it. */
  String where(long codeLine) {
    return file + ":" + (fenceLine + codeLine);
  }

  @Override
  public String toString() {
    return file + ":" + fenceLine;
  }
}
