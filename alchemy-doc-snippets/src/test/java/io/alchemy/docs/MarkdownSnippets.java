package io.alchemy.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code ```java} blocks of Markdown files. A block whose fence is directly preceded by
 * {@value #NOT_COMPILED} (with the reason before the closing {@code -->}) is left out: for the
 * rare snippet that cannot be made to compile, and says why where the docs are edited.
 */
final class MarkdownSnippets {

  /** The marker that keeps the next block out of the compile, e.g. {@code <!-- snippet: not compiled (shows an error) -->}. */
  static final String NOT_COMPILED = "<!-- snippet: not compiled";

  private static final Pattern OPEN = Pattern.compile("^(\\s*)```java\\s*$");
  private static final Pattern CLOSE = Pattern.compile("^\\s*```\\s*$");

  private MarkdownSnippets() {}

  /**
   * The Java blocks of {@code file}, in order.
   *
   * @param root the folder {@code file} is named relative to in messages
   * @throws IllegalStateException for a block that is never closed
   */
  static List<DocSnippet> in(Path root, Path file) throws IOException {
    String name = root.relativize(file).toString().replace('\\', '/');
    List<String> lines = Files.readAllLines(file);
    List<DocSnippet> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = OPEN.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int indent = open.group(1).length();
      int end = i + 1;
      while (end < lines.size() && !CLOSE.matcher(lines.get(end)).matches()) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException(name + ":" + (i + 1) + ": the ```java block is never"
            + " closed");
      }
      if (!markedNotCompiled(lines, i)) {
        StringBuilder code = new StringBuilder();
        for (String line : lines.subList(i + 1, end)) {
          // Blank lines in a list item's block may carry less indentation than the code.
          code.append(line.length() >= indent ? line.substring(indent) : line.strip())
              .append('\n');
        }
        found.add(new DocSnippet(name, i + 1, code.toString()));
      }
      i = end;
    }
    return found;
  }

  private static boolean markedNotCompiled(List<String> lines, int fence) {
    for (int i = fence - 1; i >= 0; i--) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        return line.startsWith(NOT_COMPILED);
      }
    }
    return false;
  }
}
