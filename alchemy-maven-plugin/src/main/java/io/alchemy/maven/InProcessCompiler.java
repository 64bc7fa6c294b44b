package io.alchemy.maven;

import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles changed sources in the running JVM with the JDK's compiler ({@code javax.tools}), as
 * {@code alchemy:dev} does after an edit: into the project's output folder, against its compile
 * classpath (which holds that folder, so unchanged classes are found there).
 */
final class InProcessCompiler {

  /**
   * What a compilation gave.
   *
   * @param success whether it compiled without errors
   * @param errors the errors as {@code file:line: message}, in the compiler's order
   * @param warnings the warnings, worded the same way
   */
  record Result(boolean success, List<String> errors, List<String> warnings) {}

  private final List<String> classpath;
  private final Path outputDir;
  private final String release;
  private final Charset encoding;

  /**
   * @param classpath the compile classpath elements
   * @param outputDir where classes go, e.g. {@code target/classes}
   * @param release the {@code --release} value, or {@code null} for the running JDK's
   * @param encoding the source encoding
   */
  InProcessCompiler(List<String> classpath, Path outputDir, String release, Charset encoding) {
    this.classpath = List.copyOf(classpath);
    this.outputDir = outputDir;
    this.release = release == null || release.isBlank() ? null : release.trim();
    this.encoding = encoding;
  }

  /**
   * Compiles a tiny class into a temporary folder, so that the first real compile after an edit
   * does not pay for loading and warming up the compiler; failures are ignored.
   */
  static void warmUp() {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      return;
    }
    Path dir = null;
    try {
      dir = java.nio.file.Files.createTempDirectory("alchemy-dev-warm-up");
      Path source = dir.resolve("WarmUp.java");
      java.nio.file.Files.writeString(source,
          "final class WarmUp { String hello() { return java.util.List.of(\"a\").toString(); } }");
      try (StandardJavaFileManager files =
          compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
        compiler.getTask(new StringWriter(), files, null, List.of("-d", dir.toString(),
            "-proc:none"), null, files.getJavaFileObjectsFromPaths(List.of(source))).call();
      }
    } catch (Exception | LinkageError e) {
      // only an optimization
    } finally {
      if (dir != null) {
        try (var paths = java.nio.file.Files.walk(dir)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
          // a temporary folder
        }
      }
    }
  }

  /**
   * Compiles {@code sources}.
   *
   * @throws IllegalStateException when the JVM has no compiler (a JRE, not a JDK)
   */
  Result compile(List<Path> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("The JVM that runs Maven (" + System.getProperty("java.home")
          + ") has no Java compiler: alchemy:dev needs a JDK, not a JRE. Set JAVA_HOME to a JDK.");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, encoding)) {
      List<String> options = new ArrayList<>(List.of("-d", outputDir.toString(),
          "-classpath", String.join(java.io.File.pathSeparator, classpath),
          "-proc:none", "-g", "-encoding", encoding.name(), "-implicit:none"));
      if (release != null) {
        options.add("--release");
        options.add(release);
      }
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      boolean success = compiler.getTask(output, files, diagnostics, options, null, units).call();
      List<String> errors = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String where = d.getSource() == null ? "" : Path.of(d.getSource().toUri()) + ":"
            + d.getLineNumber() + ": ";
        String line = where + d.getMessage(Locale.ROOT);
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(line);
        } else if (d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
          warnings.add(line);
        }
      }
      if (!success && errors.isEmpty()) {
        errors.add(output.toString().strip());
      }
      return new Result(success, errors, warnings);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
