package io.alchemy.core.watch;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles changed sources in the running JVM with the JDK's compiler ({@code javax.tools}), as
 * watch mode does after an edit: into the classes folder, against the compile classpath (which
 * holds that folder, so unchanged classes are found there).
 */
final class InProcessCompiler {

  /**
   * What a compilation gave.
   *
   * @param success whether it compiled without errors
   * @param errors the errors as {@code file:line: message}, in the compiler's order
   * @param warnings the warnings, worded the same way
   * @param written the class files the compiler opened for writing, absolute
   */
  record Result(boolean success, List<String> errors, List<String> warnings, List<Path> written) {}

  private final List<Path> classpath;
  private final Path outputDir;
  private final String release;
  private final Charset encoding;

  /**
   * @param classpath the compile classpath
   * @param outputDir where classes go, e.g. {@code target/classes}
   * @param release the {@code --release} value, or {@code null} for the running JDK's
   * @param encoding the source encoding
   */
  InProcessCompiler(List<Path> classpath, Path outputDir, String release, Charset encoding) {
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
      dir = Files.createTempDirectory("alchemy-watch-warm-up");
      Path source = dir.resolve("WarmUp.java");
      Files.writeString(source,
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
        try (Stream<Path> paths = Files.walk(dir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
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
      throw new IllegalStateException("The JVM that runs watch mode (" + System.getProperty(
          "java.home") + ") has no Java compiler: recompiling edits needs a JDK, not a JRE. Set"
          + " JAVA_HOME to a JDK.");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    List<Path> written = new ArrayList<>();
    try (RecordingFileManager files = new RecordingFileManager(
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, encoding), written)) {
      List<String> options = new ArrayList<>(List.of("-d", outputDir.toString(),
          "-classpath", String.join(File.pathSeparator,
              classpath.stream().map(Path::toString).toList()),
          "-proc:none", "-g", "-encoding", encoding.name(), "-implicit:none"));
      if (release != null) {
        options.add("--release");
        options.add(release);
      }
      Iterable<? extends JavaFileObject> units = files.sources(sources);
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
      return new Result(success, errors, warnings, List.copyOf(written));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Notes every class file the compiler asks to write, so the caller knows its own writes. */
  private static final class RecordingFileManager
      extends ForwardingJavaFileManager<StandardJavaFileManager> {

    private final List<Path> written;

    RecordingFileManager(StandardJavaFileManager files, List<Path> written) {
      super(files);
      this.written = written;
    }

    Iterable<? extends JavaFileObject> sources(List<Path> paths) {
      return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className,
        JavaFileObject.Kind kind, FileObject sibling) throws IOException {
      JavaFileObject file = super.getJavaFileForOutput(location, className, kind, sibling);
      if ("file".equals(file.toUri().getScheme())) {
        written.add(Path.of(file.toUri()).toAbsolutePath().normalize());
      }
      return file;
    }
  }
}
