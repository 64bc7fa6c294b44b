package io.alchemy.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alchemy.core.Alchemy;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.RunResult;
import io.alchemy.core.Scope;
import io.alchemy.core.definition.DefinitionException.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads definitions compiled at test time into folders and jars outside the test's own classpath,
 * the way the Maven plugin loads a user's project, and checks every error a user can run into.
 */
class DefinitionLoaderTest {

  private static final String DEFINITION_HEADER = "package com.example;\n"
      + "import io.alchemy.core.*;\n"
      + "import io.alchemy.core.fs.*;\n";

  @TempDir static Path compiled;
  @TempDir Path work;

  /** {@code com.example} classes, compiled once for all tests. */
  private static Path classes;

  /** A class the definition {@code NeedsLibrary} uses, compiled to a folder left off on purpose. */
  private static Path library;

  @BeforeAll
  static void compileFixtures() throws IOException {
    classes = compiled.resolve("classes");
    library = compiled.resolve("library");
    compile(library, List.of(), "com.example.lib.Library",
        "package com.example.lib; public class Library { public static String name() {"
            + " return \"lib\"; } }");
    compile(classes, List.of(library),
        "com.example.Infrastructure", DEFINITION_HEADER
            + "public class Infrastructure implements InfrastructureDefinition {\n"
            + "  public void define(Scope scope) throws Exception {\n"
            + "    TextFile.declare(scope, \"hello\", TextFile.props(\"hello.txt\", \"hi\"));\n"
            + "  }\n"
            + "}\n",
        "com.example.Other", DEFINITION_HEADER
            + "public class Other implements InfrastructureDefinition {\n"
            + "  public void define(Scope scope) {}\n"
            + "}\n",
        "com.example.NotADefinition",
        "package com.example; public class NotADefinition { public void define() {} }",
        "com.example.AbstractDefinition", DEFINITION_HEADER
            + "public abstract class AbstractDefinition implements InfrastructureDefinition {}",
        "com.example.NoNoArg", DEFINITION_HEADER
            + "public class NoNoArg implements InfrastructureDefinition {\n"
            + "  public NoNoArg(String region) {}\n"
            + "  public void define(Scope scope) {}\n"
            + "}\n",
        "com.example.Hidden", DEFINITION_HEADER
            + "class Hidden implements InfrastructureDefinition {\n"
            + "  public void define(Scope scope) {}\n"
            + "}\n",
        "com.example.Outer", DEFINITION_HEADER
            + "public class Outer {\n"
            + "  public class Inner implements InfrastructureDefinition {\n"
            + "    public void define(Scope scope) {}\n"
            + "  }\n"
            + "}\n",
        "com.example.Throwing", DEFINITION_HEADER
            + "public class Throwing implements InfrastructureDefinition {\n"
            + "  public Throwing() { throw new IllegalStateException(\"no region configured\"); }\n"
            + "  public void define(Scope scope) {}\n"
            + "}\n",
        "com.example.BrokenStatic", DEFINITION_HEADER
            + "public class BrokenStatic implements InfrastructureDefinition {\n"
            + "  static final int LIMIT = Integer.parseInt(\"ten\");\n"
            + "  public void define(Scope scope) {}\n"
            + "}\n",
        "com.example.NeedsLibrary", DEFINITION_HEADER
            + "public class NeedsLibrary implements InfrastructureDefinition {\n"
            + "  private final String name = com.example.lib.Library.name();\n"
            + "  public void define(Scope scope) {}\n"
            + "}\n");
  }

  @Test
  void loadsNamedClassWithCoreTypesShared() throws Exception {
    try (LoadedDefinition loaded = loader(classes).load("com.example.Infrastructure")) {
      assertThat(loaded.className()).isEqualTo("com.example.Infrastructure");
      assertThat(loaded.origin()).isEqualTo("named");
      assertThat(loaded.definition().getClass().getClassLoader()).isSameAs(loaded.classLoader());
      // The engine's types are shared, so the instance is usable as this JVM's types.
      assertThat(loaded.classLoader().loadClass(Scope.class.getName())).isSameAs(Scope.class);
      assertThat(loaded.definition()).isInstanceOf(InfrastructureDefinition.class);
    }
  }

  @Test
  void hidesTheHostsOwnLibraries() throws Exception {
    try (LoadedDefinition loaded = loader(classes).load("com.example.Infrastructure")) {
      // Jackson is on this test's classpath (the engine uses it) but not on the project's.
      assertThatThrownBy(
              () -> loaded.classLoader().loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThat(loaded.classLoader().loadClass("java.sql.Connection")).isNotNull();
    }
  }

  @Test
  void runsTheLoadedDefinition() throws Exception {
    Path state = work.resolve("state");
    try (LoadedDefinition loaded = loader(classes).load("com.example.Infrastructure")) {
      RunResult result = Alchemy.builder()
          .app("loader-test")
          .stage("dev")
          .stateDir(state)
          .baseDir(work)
          .classLoader(loaded.classLoader())
          .build()
          .run(loaded.definition());
      assertThat(result.created()).isEqualTo(1);
    }
    assertThat(work.resolve("hello.txt")).hasContent("hi");
  }

  @Test
  void discoversTheRegisteredClass() {
    Path services = services("registration", "# the one definition\n\n"
        + "  com.example.Infrastructure  # trailing comment\n");
    try (LoadedDefinition loaded = loader(classes, services).load(null)) {
      assertThat(loaded.className()).isEqualTo("com.example.Infrastructure");
      assertThat(loaded.origin()).isEqualTo("registered in " + services);
    }
  }

  @Test
  void blankNameMeansDiscovery() {
    Path services = services("registration", "com.example.Other\n");
    try (LoadedDefinition loaded = loader(classes, services).load("  ")) {
      assertThat(loaded.className()).isEqualTo("com.example.Other");
    }
  }

  @Test
  void sameRegistrationTwiceIsOneClass() {
    Path first = services("first", "com.example.Other\n");
    Path second = services("second", "com.example.Other\n");
    try (LoadedDefinition loaded = loader(classes, first, second).load(null)) {
      assertThat(loaded.className()).isEqualTo("com.example.Other");
      assertThat(loaded.origin()).isEqualTo("registered in " + first + ", " + second);
    }
  }

  @Test
  void discoversARegistrationInsideAJar() throws IOException {
    Path jar = work.resolve("definitions-1.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(DefinitionLoader.SERVICE_FILE));
      out.write("com.example.Other\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    try (LoadedDefinition loaded = loader(classes, jar).load(null)) {
      assertThat(loaded.origin()).isEqualTo("registered in definitions-1.0.jar");
    }
  }

  @Test
  void noneRegisteredListsWhatWasSearchedAndBothFixes() {
    Path jar = emptyJar();
    assertThatThrownBy(() -> loader(classes, jar).load(null))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.NONE_REGISTERED);
          assertThat(e.className()).isNull();
        })
        .hasMessage("No InfrastructureDefinition class was named, and none is registered: no "
            + "META-INF/services/io.alchemy.core.InfrastructureDefinition file is on the classpath"
            + " (searched 1 folder (" + classes + ") and 1 jar). Name the class to run, e.g. -D="
            + "com.example.Infrastructure, or register it: create src/main/resources/"
            + "META-INF/services/io.alchemy.core.InfrastructureDefinition holding its fully"
            + " qualified name.");
  }

  @Test
  void noneRegisteredInAnUncompiledProjectSaysSo() {
    Path missing = work.resolve("target/classes");
    assertThatThrownBy(() -> loader(missing).load(null))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("(searched 1 folder (" + missing + "))")
        .hasMessageEndingWith("Note: " + missing + " does not exist; compile the project first.");
  }

  @Test
  void severalRegisteredListsEachWithWhereItIsRegistered() {
    Path first = services("first", "com.example.Infrastructure\n");
    Path second = services("second", "com.example.Other\n");
    assertThatThrownBy(() -> loader(classes, first, second).load(null))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.SEVERAL_REGISTERED);
          assertThat(e.found()).containsExactly("com.example.Infrastructure", "com.example.Other");
        })
        .hasMessage("2 InfrastructureDefinition classes are registered in"
            + " META-INF/services/io.alchemy.core.InfrastructureDefinition files and none was"
            + " named to choose one: com.example.Infrastructure (in " + first + "),"
            + " com.example.Other (in " + second + "). Name the one to run, e.g."
            + " -D=com.example.Infrastructure, or remove the other registrations.");
  }

  @Test
  void missingClassSuggestsTheSameSimpleName() {
    assertThatThrownBy(() -> loader(classes).load("Infrastructure"))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND);
          assertThat(e.className()).isEqualTo("Infrastructure");
          assertThat(e.found()).containsExactly("com.example.Infrastructure");
        })
        .hasMessage("Definition class Infrastructure was not found on the classpath (searched 1"
            + " folder (" + classes + ")). Did you mean com.example.Infrastructure? Name it with"
            + " its fully qualified name, e.g. -D=com.example.Infrastructure.");
  }

  @Test
  void missingClassListsTheRegisteredOnes() {
    Path services = services("registration", "com.example.Other\n");
    assertThatThrownBy(() -> loader(classes, services).load("com.example.Missing"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.found()).containsExactly("com.example.Other"))
        .hasMessageContaining("Definition class com.example.Missing was not found")
        .hasMessageContaining("Registered in"
            + " META-INF/services/io.alchemy.core.InfrastructureDefinition: com.example.Other."
            + " Name one of them, e.g. -D=com.example.Other.");
  }

  @Test
  void missingClassAsksToCheckTheNameAndNamesTheNearestDefinition() {
    assertThatThrownBy(() -> loader(classes).load("org.acme.Infra"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.found()).containsExactly("com.example.Infrastructure"))
        .hasMessageEndingWith("Check the package and the spelling. The nearest class that"
            + " implements InfrastructureDefinition is com.example.Infrastructure: name it, e.g."
            + " -D=com.example.Infrastructure.");
  }

  @Test
  void missingClassWithNoDefinitionAroundAsksToCheckTheName() {
    assertThatThrownBy(() -> loader(library).load("org.acme.Infra"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.found()).isEmpty())
        .hasMessageEndingWith("Check the package and the spelling (the fully qualified name, e.g."
            + " -D=com.example.Infrastructure).");
  }

  @Test
  void registeredClassThatDoesNotImplementTheInterfaceNamesTheFileAndTheNearestDefinition() {
    Path services = services("registration", "com.example.NotADefinition\n");
    Path file = services.resolve(DefinitionLoader.SERVICE_FILE);
    assertThatThrownBy(() -> loader(classes, services).load(null))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.NOT_A_DEFINITION);
          assertThat(e.found()).singleElement().isNotEqualTo("com.example.NotADefinition");
        })
        .hasMessageStartingWith("Definition class com.example.NotADefinition (registered in "
            + file + ") does not implement io.alchemy.core.InfrastructureDefinition.")
        .hasMessageContaining("implements it; put its name in place of"
            + " com.example.NotADefinition in that file.");
  }

  @Test
  void registeredMisspeltClassNamesTheFileAndTheNearestDefinition() {
    Path services = services("registration", "com.example.Infrastructur\n");
    Path file = services.resolve(DefinitionLoader.SERVICE_FILE);
    assertThatThrownBy(() -> loader(classes, services).load(null))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.found()).containsExactly("com.example.Infrastructure"))
        .hasMessageStartingWith("Definition class com.example.Infrastructur (registered in "
            + file + ") was not found on the classpath")
        .hasMessageContaining("Check the package and the spelling, and correct the"
            + " registration: the nearest class that implements InfrastructureDefinition is"
            + " com.example.Infrastructure.");
  }

  @Test
  void registrationInsideAJarIsNamedByItsUrl() throws IOException {
    Path jar = work.resolve("definitions-2.0.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(DefinitionLoader.SERVICE_FILE));
      out.write("com.example.Gone\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    assertThatThrownBy(() -> loader(classes, jar).load(null))
        .hasMessageStartingWith("Definition class com.example.Gone (registered in jar:file:"
            + jar + "!/" + DefinitionLoader.SERVICE_FILE + ") was not found");
  }

  @Test
  void registeredButMissingClassNamesTheRegistration() {
    Path services = services("registration", "com.example.Renamed\n");
    assertThatThrownBy(() -> loader(classes, services).load(null))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND))
        .hasMessageStartingWith("Definition class com.example.Renamed (registered in " + services
            .resolve(DefinitionLoader.SERVICE_FILE) + ") was not found on the classpath")
        .hasMessageContaining(", and correct the registration");
  }

  @Test
  void classThatDoesNotImplementTheInterface() {
    assertThatThrownBy(() -> loader(classes).load("com.example.NotADefinition"))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.NOT_A_DEFINITION);
          assertThat(e.className()).isEqualTo("com.example.NotADefinition");
        })
        .hasMessageStartingWith("Definition class com.example.NotADefinition does not implement"
            + " io.alchemy.core.InfrastructureDefinition. Declare it as \"public class"
            + " NotADefinition implements InfrastructureDefinition\" with a method \"public void"
            + " define(Scope scope)\", or name the class that does: com.example.")
        .hasMessageMatching(".* implements it, e\\.g\\. -D=com\\.example\\.\\w+\\.");
  }

  @Test
  void abstractClass() {
    assertThatThrownBy(() -> loader(classes).load("com.example.AbstractDefinition"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.ABSTRACT))
        .hasMessage("Definition class com.example.AbstractDefinition is abstract, so Alchemy"
            + " cannot create an instance of it. Name a concrete class that implements it, or"
            + " remove \"abstract\" from AbstractDefinition.");
  }

  @Test
  void theInterfaceItself() {
    assertThatThrownBy(() -> loader(classes).load(InfrastructureDefinition.class.getName()))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.ABSTRACT))
        .hasMessageContaining("is an interface");
  }

  @Test
  void noPublicNoArgConstructor() {
    assertThatThrownBy(() -> loader(classes).load("com.example.NoNoArg"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NO_PUBLIC_NO_ARG_CONSTRUCTOR))
        .hasMessage("Definition class com.example.NoNoArg has no public constructor without"
            + " parameters, so Alchemy cannot create it. Add \"public NoNoArg() {}\" (read"
            + " settings inside define(scope) instead of taking them as constructor arguments).");
  }

  @Test
  void classThatIsNotPublic() {
    assertThatThrownBy(() -> loader(classes).load("com.example.Hidden"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_ACCESSIBLE))
        .hasMessage("Definition class com.example.Hidden is not public, so Alchemy cannot create"
            + " it. Add \"public\" to \"class Hidden\".");
  }

  @Test
  void innerClass() {
    assertThatThrownBy(() -> loader(classes).load("com.example.Outer$Inner"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_ACCESSIBLE))
        .hasMessage("Definition class com.example.Outer$Inner is an inner class, so it cannot be"
            + " created without an instance of Outer. Declare it \"public static class Inner\" or"
            + " move it to its own file.");
  }

  @Test
  void constructorThatThrows() {
    assertThatThrownBy(() -> loader(classes).load("com.example.Throwing"))
        .isInstanceOfSatisfying(DefinitionException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.CONSTRUCTION_FAILED);
          assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        })
        .hasMessage("Definition class com.example.Throwing was found but could not be created:"
            + " its constructor threw java.lang.IllegalStateException: no region configured. Fix"
            + " the constructor, or move the work into define(scope), where failures are reported"
            + " with the scope that failed.");
  }

  @Test
  void staticInitializerThatThrows() {
    assertThatThrownBy(() -> loader(classes).load("com.example.BrokenStatic"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.CONSTRUCTION_FAILED))
        .hasMessageContaining("its static initializer threw java.lang.NumberFormatException")
        .hasMessageEndingWith("Fix the static fields or static blocks of the class.");
  }

  @Test
  void dependencyMissingFromTheClasspath() {
    assertThatThrownBy(() -> loader(classes).load("com.example.NeedsLibrary"))
        .isInstanceOfSatisfying(DefinitionException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.CONSTRUCTION_FAILED))
        .hasMessage("Definition class com.example.NeedsLibrary was found but could not be"
            + " created: a class it needs is not on the runtime classpath"
            + " (com.example.lib.Library). Add the dependency that provides it, with compile or"
            + " runtime scope.");
    try (LoadedDefinition loaded = loader(classes, library).load("com.example.NeedsLibrary")) {
      assertThat(loaded.className()).isEqualTo("com.example.NeedsLibrary");
    }
  }

  @Test
  void defaultWordingNeedsNoBuildTool() {
    assertThatThrownBy(() -> DefinitionLoader.forClasspath(List.of(classes)).load("Infra"))
        .hasMessageContaining("e.g. pass the class name \"com.example.Infrastructure\"");
  }

  @Test
  void closingReleasesTheClassLoader() {
    LoadedDefinition loaded = loader(classes).load("com.example.Other");
    loaded.close();
    assertThatThrownBy(() -> loaded.classLoader().loadClass("com.example.Infrastructure"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  /** A loader whose messages name classes as {@code -D=<name>}, so messages can be asserted. */
  private static DefinitionLoader loader(Path... classpath) {
    return DefinitionLoader.forClasspath(List.of(classpath)).namingHint(name -> "-D=" + name);
  }

  /** A classpath folder holding only a service registration with {@code content}. */
  private Path services(String folder, String content) {
    Path root = work.resolve(folder);
    try {
      Path file = root.resolve(DefinitionLoader.SERVICE_FILE);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return root;
  }

  private Path emptyJar() {
    Path jar = work.resolve("empty.jar");
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      return jar;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Compiles {@code nameAndSource} pairs into {@code output}, against this test's classpath (the
   * engine) plus {@code extra}.
   */
  private static void compile(Path output, List<Path> extra, String... nameAndSource)
      throws IOException {
    Path sources = output.resolveSibling(output.getFileName() + "-src");
    List<String> args = new ArrayList<>(List.of("-d", output.toString(), "-classpath",
        System.getProperty("java.class.path") + extra.stream()
            .map(p -> java.io.File.pathSeparator + p).reduce("", String::concat),
        "-nowarn", "-proc:none"));
    for (int i = 0; i < nameAndSource.length; i += 2) {
      Path file = sources.resolve(nameAndSource[i].replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, nameAndSource[i + 1]);
      args.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int exit = compiler.run(null, null, System.err, args.toArray(String[]::new));
    assertThat(exit).as("fixtures compile").isZero();
    try (Stream<Path> files = Files.walk(output)) {
      assertThat(files.filter(p -> p.toString().endsWith(".class"))).isNotEmpty();
    }
  }
}
