package io.alchemy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check itself: what it extracts, what it skips, and where it says a snippet is broken. */
class SnippetCheckTest {

  @TempDir Path root;

  @Test
  void aBrokenFragmentIsReportedAtItsLineInTheMarkdownFile() throws IOException {
    Path page = write("docs/page.md", """
        # Page

        ```java
        TextFile.declare(scope, "a", TextFile.props("a.txt", "a"));
        TextFile.declare(scope, "b", TextFile.props("b.txt", missing));
        ```
        """);
    List<DocSnippet> snippets = MarkdownSnippets.in(root, page);

    assertThat(snippets).singleElement()
        .satisfies(s -> assertThat(s.isSourceFile()).isFalse());
    assertThat(errors(snippets.get(0))).singleElement().asString()
        .startsWith("docs/page.md:5: cannot find symbol");
  }

  @Test
  void aWholeClassIsCompiledAsWrittenSoAMissingImportFails() throws IOException {
    Path page = write("README.md", """
        - A list item:

          ```java
          public class Infrastructure implements InfrastructureDefinition {
            public void define(Scope scope) {}
          }
          ```
        """);
    List<DocSnippet> snippets = MarkdownSnippets.in(root, page);

    assertThat(snippets).singleElement().satisfies(s -> {
      assertThat(s.isSourceFile()).isTrue();
      assertThat(s.code()).startsWith("public class Infrastructure");
    });
    assertThat(errors(snippets.get(0)))
        .anySatisfy(e -> assertThat(e).startsWith("README.md:4: cannot find symbol"));
  }

  @Test
  void aMarkedBlockIsLeftOutAndOtherLanguagesAreNotJava() throws IOException {
    Path page = write("docs/page.md", """
        <!-- snippet: not compiled (shows what the compiler rejects) -->
        ```java
        this does not compile
        ```

        ```xml
        <not-java/>
        ```

        ```java
        scope.set("k", "v");
        ```
        """);
    List<DocSnippet> snippets = MarkdownSnippets.in(root, page);

    assertThat(snippets).singleElement().satisfies(s -> {
      assertThat(s.fenceLine()).isEqualTo(10);
      assertThat(errors(s)).isEmpty();
    });
  }

  private List<String> errors(DocSnippet snippet) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    try (SnippetCompiler compiler = new SnippetCompiler(classPath,
        Files.createDirectories(root.resolve("classes")))) {
      return compiler.errors(snippet);
    }
  }

  private Path write(String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
