package io.alchemy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against alchemy-core, the
 * provider modules and the state backends: a reader who pastes one gets code that builds.
 */
class DocSnippetsCompileTest {

  @TempDir Path classes;

  @Test
  void everyJavaSnippetOfTheDocsCompiles() throws IOException {
    Path root = Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();
    List<Path> markdown = new ArrayList<>();
    markdown.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(markdown::add);
    }
    List<DocSnippet> snippets = new ArrayList<>();
    for (Path file : markdown) {
      snippets.addAll(MarkdownSnippets.in(root, file));
    }
    assertThat(snippets).as("java snippets in %s", markdown).isNotEmpty();

    List<String> errors = new ArrayList<>();
    int failed = 0;
    // Surefire runs the tests from a manifest-only jar; this property holds the real class path.
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    try (SnippetCompiler compiler = new SnippetCompiler(classPath, classes)) {
      for (DocSnippet snippet : snippets) {
        List<String> problems = compiler.errors(snippet);
        errors.addAll(problems);
        failed += problems.isEmpty() ? 0 : 1;
      }
    }
    assertThat(errors)
        .as("%d of %d java snippets do not compile; fix each (or, if one truly cannot compile,"
            + " precede it with %s (why) -->)", failed, snippets.size(),
            MarkdownSnippets.NOT_COMPILED)
        .isEmpty();
  }
}
