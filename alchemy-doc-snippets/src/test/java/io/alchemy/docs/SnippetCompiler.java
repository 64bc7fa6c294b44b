package io.alchemy.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles documentation snippets with the JDK's compiler, each on its own, against a class path.
 *
 * <p>A block that is a whole source file is compiled as written, so its imports are checked too.
 * Any other block is a fragment of a definition and is compiled as the body of
 * {@code define(Scope scope)} in a class implementing {@code InfrastructureDefinition}, with the
 * public API's packages imported, as a reader pastes it into the example class. Beside it, a
 * class {@code Infrastructure} stands for the reader's own definition, which snippets such as
 * {@code Alchemy.builder()...run(new Infrastructure())} pass around.
 */
final class SnippetCompiler implements AutoCloseable {

  /** The packages a fragment may use without importing them. */
  static final List<String> FRAGMENT_IMPORTS = List.of(
      "io.alchemy.core", "io.alchemy.core.command", "io.alchemy.core.credentials",
      "io.alchemy.core.fs", "io.alchemy.core.plan", "io.alchemy.core.process",
      "io.alchemy.core.provider",
      "io.alchemy.core.random", "io.alchemy.core.secret", "io.alchemy.core.state",
      "io.alchemy.postgres", "io.alchemy.aws", "io.alchemy.state.postgres",
      "io.alchemy.state.s3", "java.nio.file", "java.time", "java.util");

  private static final String FRAGMENT_CLASS = "Snippet";

  private static final String READERS_DEFINITION = """
      public class Infrastructure implements io.alchemy.core.InfrastructureDefinition {
        @Override
        public void define(io.alchemy.core.Scope scope) {}
      }
      """;

  private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
  private final StandardJavaFileManager files;
  private final List<String> options;

  /**
   * @param classPath what the snippets compile against
   * @param output where the class files go
   */
  SnippetCompiler(String classPath, Path output) {
    this.files = compiler.getStandardFileManager(null, Locale.ROOT, null);
    this.options = List.of("--release", "17", "-proc:none", "-nowarn",
        "-classpath", classPath, "-d", output.toString());
  }

  /** The compile errors of {@code snippet}, each as {@code file:line: message}; empty when it compiles. */
  List<String> errors(DocSnippet snippet) {
    String source;
    String type;
    int prefixLines;
    if (snippet.isSourceFile()) {
      source = snippet.code();
      type = snippet.declaredType();
      prefixLines = 0;
    } else {
      StringBuilder prefix = new StringBuilder();
      FRAGMENT_IMPORTS.forEach(p -> prefix.append("import ").append(p).append(".*;\n"));
      prefix.append("public class ").append(FRAGMENT_CLASS)
          .append(" implements InfrastructureDefinition {\n")
          .append("  @Override\n")
          .append("  public void define(Scope scope) throws Exception {\n");
      source = prefix + snippet.code() + "  }\n}\n";
      type = FRAGMENT_CLASS;
      prefixLines = (int) prefix.chars().filter(c -> c == '\n').count();
    }
    List<JavaFileObject> units = new ArrayList<>();
    JavaFileObject unit = new Source(type == null ? "package-info" : type, source);
    units.add(unit);
    if (!"Infrastructure".equals(type)) {
      units.add(new Source("Infrastructure", READERS_DEFINITION));
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    compiler.getTask(null, files, diagnostics, options, null, units).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String where = d.getSource() == unit && d.getLineNumber() > prefixLines
          ? snippet.where(d.getLineNumber() - prefixLines)
          : snippet + " (in the code around the snippet, line " + d.getLineNumber() + ")";
      errors.add(where + ": " + d.getMessage(Locale.ROOT));
    }
    return errors;
  }

  @Override
  public void close() throws IOException {
    files.close();
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String type, String code) {
      super(URI.create("string:///" + type + Kind.SOURCE.extension), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
