package io.alchemy.core.definition;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.InfrastructureDefinition;
import io.alchemy.core.definition.DefinitionException.Problem;
import io.alchemy.core.engine.NearestName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a project's {@link InfrastructureDefinition} from its classpath.
 *
 * <p>The class loader it builds sees the given folders and jars, the JDK, and the running engine's
 * own {@code io.alchemy.core} classes (so {@code Scope}, {@code InfrastructureDefinition} and the
 * built-in resources are the same types on both sides); nothing of the host, such as Maven's own
 * libraries, leaks in.
 *
 * <pre>{@code
 * try (LoadedDefinition loaded = DefinitionLoader.forClasspath(List.of(Path.of("target/classes")))
 *     .load(null)) {
 *   Alchemy.builder().app("my-app").classLoader(loaded.classLoader()).build()
 *       .run(loaded.definition());
 * }
 * }</pre>
 *
 * <p>With a class name, that class is used. Without one, the class is discovered from the files
 * {@value #SERVICE_FILE} on the classpath (the {@link java.util.ServiceLoader} format: one fully
 * qualified name per line, {@code #} starts a comment); exactly one class must be registered.
 */
public final class DefinitionLoader {

  /** Where a project registers its definition class so that it need not be named. */
  public static final String SERVICE_FILE =
      "META-INF/services/" + InfrastructureDefinition.class.getName();

  private static final String EXAMPLE_CLASS = "com.example.Infrastructure";

  /** How many class files a search for implementations reads at most: it runs on errors only. */
  private static final int MAX_CLASSES_SEARCHED = 5_000;

  private final List<Path> classpath;
  private final UnaryOperator<String> howToName;

  private DefinitionLoader(List<Path> classpath, UnaryOperator<String> howToName) {
    this.classpath = classpath;
    this.howToName = howToName;
  }

  /**
   * A loader for {@code classpath}: folders of classes and jar files, in lookup order, such as a
   * project's runtime classpath. Relative paths resolve against the working directory.
   */
  public static DefinitionLoader forClasspath(List<Path> classpath) {
    List<Path> absolute = classpath.stream()
        .map(p -> Objects.requireNonNull(p, "classpath entry").toAbsolutePath().normalize())
        .distinct()
        .toList();
    return new DefinitionLoader(absolute, name -> "pass the class name \"" + name + "\"");
  }

  /**
   * Tells how a user of the caller names the definition class, so that error messages give the
   * exact fix in the caller's terms.
   *
   * @param howToName given a class name, the words that select it, e.g. {@code name ->
   *     "-Dalchemy.definition=" + name}
   * @return a loader that uses this wording
   */
  public DefinitionLoader namingHint(UnaryOperator<String> howToName) {
    return new DefinitionLoader(classpath, Objects.requireNonNull(howToName, "howToName"));
  }

  /** The classpath entries, absolute, in lookup order. */
  public List<Path> classpath() {
    return classpath;
  }

  /**
   * Finds and instantiates the definition.
   *
   * @param className the fully qualified class name, or {@code null} or blank to discover the
   *     class registered in {@value #SERVICE_FILE}
   * @return the definition and its class loader; close it after the run
   * @throws DefinitionException when the class is missing or cannot be instantiated, or when
   *     discovery finds none or several classes
   */
  public LoadedDefinition load(String className) {
    CoreSharingClassLoader shared =
        new CoreSharingClassLoader(InfrastructureDefinition.class.getClassLoader());
    URLClassLoader loader = new URLClassLoader("alchemy-definition", urls(), shared);
    shared.shareUnboundSlf4jWith(loader);
    try {
      Map<String, List<String>> files = new LinkedHashMap<>();
      Map<String, List<String>> registered = registered(loader, files);
      String name;
      String origin;
      String where;
      if (className == null || className.isBlank()) {
        name = chooseRegistered(registered);
        origin = "registered in " + String.join(", ", registered.get(name));
        // Errors name the file itself, so the user finds the line to correct.
        where = " (registered in " + String.join(", ", files.get(name)) + ")";
      } else {
        name = className.trim();
        origin = "named";
        where = "";
      }
      InfrastructureDefinition definition = instantiate(loader, name, where, registered);
      return new LoadedDefinition(definition, name, origin, loader);
    } catch (RuntimeException | Error e) {
      try {
        loader.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private URL[] urls() {
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      Path entry = classpath.get(i);
      String uri = entry.toUri().toString();
      // URLClassLoader reads an entry without a trailing slash as a jar; a folder that does not
      // exist yet (an uncompiled project) must still be read as a folder.
      if (!Files.isRegularFile(entry) && !uri.endsWith("/")) {
        uri += "/";
      }
      try {
        urls[i] = URI.create(uri).toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Classpath entry " + entry + " is not a valid URL", e);
      }
    }
    return urls;
  }

  /**
   * Registered class names, in classpath order, each with the entries that register it.
   *
   * @param filesOf receives, for each name, the service files that register it (a path, or a URL
   *     inside a jar)
   */
  private Map<String, List<String>> registered(URLClassLoader loader,
      Map<String, List<String>> filesOf) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    try {
      Enumeration<URL> files = loader.getResources(SERVICE_FILE);
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        String entry = entryOf(file);
        String location = locationOf(file);
        for (String name : readServiceFile(file)) {
          List<String> entries = names.computeIfAbsent(name, n -> new ArrayList<>());
          if (!entries.contains(entry)) {
            entries.add(entry);
          }
          List<String> locations = filesOf.computeIfAbsent(name, n -> new ArrayList<>());
          if (!locations.contains(location)) {
            locations.add(location);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SERVICE_FILE + " from the classpath: " + e,
          e);
    }
    return names;
  }

  private static List<String> readServiceFile(URL file) throws IOException {
    List<String> names = new ArrayList<>();
    URLConnection connection = file.openConnection();
    // Jar caching would keep the jar open after the class loader is closed.
    connection.setUseCaches(false);
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int comment = line.indexOf('#');
        String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private String chooseRegistered(Map<String, List<String>> registered) {
    if (registered.isEmpty()) {
      throw new DefinitionException(Problem.NONE_REGISTERED, null, List.of(),
          "No InfrastructureDefinition class was named, and none is registered: no " + SERVICE_FILE
              + " file is on the classpath (" + searched() + "). Name the class to run, e.g. "
              + howToName.apply(EXAMPLE_CLASS) + ", or register it: create src/main/resources/"
              + SERVICE_FILE + " holding its fully qualified name." + missingFolders(),
          null);
    }
    if (registered.size() > 1) {
      String list = registered.entrySet().stream()
          .map(e -> e.getKey() + " (in " + String.join(", ", e.getValue()) + ")")
          .collect(Collectors.joining(", "));
      String first = registered.keySet().iterator().next();
      throw new DefinitionException(Problem.SEVERAL_REGISTERED, null,
          List.copyOf(registered.keySet()),
          registered.size() + " InfrastructureDefinition classes are registered in " + SERVICE_FILE
              + " files and none was named to choose one: " + list + ". Name the one to run, e.g. "
              + howToName.apply(first) + ", or remove the other registrations.",
          null);
    }
    return registered.keySet().iterator().next();
  }

  private InfrastructureDefinition instantiate(URLClassLoader loader, String name, String where,
      Map<String, List<String>> registered) {
    Class<?> type;
    try {
      // Not initialized yet: a broken static initializer is reported below, after the checks.
      type = Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw notFound(loader, name, where, registered, e);
    } catch (LinkageError e) {
      throw constructionFailed(name, where, e);
    }
    if (!InfrastructureDefinition.class.isAssignableFrom(type)) {
      String nearest = nearestDefinition(loader, name);
      String instead = nearest == null ? ", or name the class that does."
          : ", or name the class that does: " + nearest + " implements it"
              + (where.isEmpty() ? ", e.g. " + howToName.apply(nearest) + "."
                  : "; put its name in place of " + name + " in that file.");
      throw new DefinitionException(Problem.NOT_A_DEFINITION, name,
          nearest == null ? List.of() : List.of(nearest),
          "Definition class " + name + where + " does not implement "
              + InfrastructureDefinition.class.getName() + ". Declare it as \"public class "
              + type.getSimpleName() + " implements InfrastructureDefinition\" with a method"
              + " \"public void define(Scope scope)\"" + instead,
          null);
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new DefinitionException(Problem.ABSTRACT, name, List.of(),
          "Definition class " + name + where + " is " + (type.isInterface() ? "an interface" : "abstract")
              + ", so Alchemy cannot create an instance of it. Name a concrete class that"
              + " implements it, or remove \"abstract\" from " + type.getSimpleName() + ".",
          null);
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      throw new DefinitionException(Problem.NOT_ACCESSIBLE, name, List.of(),
          "Definition class " + name + where + " is an inner class, so it cannot be created"
              + " without an instance of " + type.getEnclosingClass().getSimpleName()
              + ". Declare it \"public static class " + type.getSimpleName() + "\" or move it to"
              + " its own file.",
          null);
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        throw new DefinitionException(Problem.NOT_ACCESSIBLE, name, List.of(),
            "Definition class " + name + where + (c == type ? " is" : " is nested in "
                + c.getName() + ", which is") + " not public, so Alchemy cannot create it. Add"
                + " \"public\" to \"class " + c.getSimpleName() + "\".",
            null);
      }
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new DefinitionException(Problem.NO_PUBLIC_NO_ARG_CONSTRUCTOR, name, List.of(),
          "Definition class " + name + where + " has no public constructor without parameters,"
              + " so Alchemy cannot create it. Add \"public " + type.getSimpleName() + "() {}\""
              + " (read settings inside define(scope) instead of taking them as constructor"
              + " arguments).",
          e);
    } catch (LinkageError e) {
      throw constructionFailed(name, where, e);
    }
    try {
      return (InfrastructureDefinition) constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw constructionFailed(name, where, e.getCause());
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      throw constructionFailed(name, where, e);
    }
  }

  private DefinitionException notFound(URLClassLoader loader, String name, String where,
      Map<String, List<String>> registered, ClassNotFoundException cause) {
    String simple = name.substring(name.lastIndexOf('.') + 1);
    List<String> sameSimpleName = classesNamed(simple).stream()
        .filter(n -> !n.equals(name))
        .toList();
    StringBuilder message = new StringBuilder("Definition class " + name + where
        + " was not found on the classpath (" + searched() + ").");
    List<String> found;
    if (!sameSimpleName.isEmpty()) {
      found = sameSimpleName;
      message.append(" Did you mean ").append(String.join(" or ", sameSimpleName))
          .append("? Name it with its fully qualified name, e.g. ")
          .append(howToName.apply(sameSimpleName.get(0))).append('.');
    } else if (!registered.isEmpty() && !registered.containsKey(name)) {
      found = List.copyOf(registered.keySet());
      message.append(" Registered in ").append(SERVICE_FILE).append(": ")
          .append(String.join(", ", registered.keySet())).append(". Name one of them, e.g. ")
          .append(howToName.apply(found.get(0))).append('.');
    } else {
      String nearest = nearestDefinition(loader, name);
      found = nearest == null ? List.of() : List.of(nearest);
      if (nearest == null) {
        message.append(" Check the package and the spelling (the fully qualified name, e.g. ")
            .append(howToName.apply(EXAMPLE_CLASS)).append(')');
        message.append(where.isEmpty() ? "." : ", and correct the registration.");
      } else if (where.isEmpty()) {
        message.append(" Check the package and the spelling. The nearest class that implements"
            + " InfrastructureDefinition is ").append(nearest).append(": name it, e.g. ")
            .append(howToName.apply(nearest)).append('.');
      } else {
        message.append(" Check the package and the spelling, and correct the registration: the"
            + " nearest class that implements InfrastructureDefinition is ").append(nearest)
            .append('.');
      }
    }
    message.append(missingFolders());
    return new DefinitionException(Problem.NOT_FOUND, name, found, message.toString(), cause);
  }

  private static DefinitionException constructionFailed(String name, String where,
      Throwable cause) {
    String what;
    String fix;
    if (cause instanceof ExceptionInInitializerError init && init.getCause() != null) {
      cause = init.getCause();
      what = "its static initializer threw " + cause.getClass().getName() + ": "
          + AlchemyException.describe(cause);
      fix = "Fix the static fields or static blocks of the class.";
    } else if (cause instanceof NoClassDefFoundError missing) {
      what = "a class it needs is not on the runtime classpath ("
          + AlchemyException.describe(missing).replace('/', '.') + ")";
      fix = "Add the dependency that provides it, with compile or runtime scope.";
    } else if (cause instanceof LinkageError) {
      what = "it does not link against the classes on the classpath ("
          + AlchemyException.describe(cause) + ")";
      fix = "Check that it was compiled against the same alchemy-core version that runs it, and"
          + " rebuild the project.";
    } else {
      what = "its constructor threw " + cause.getClass().getName() + ": "
          + AlchemyException.describe(cause);
      fix = "Fix the constructor, or move the work into define(scope), where failures are"
          + " reported with the scope that failed.";
    }
    return new DefinitionException(Problem.CONSTRUCTION_FAILED, name, List.of(),
        "Definition class " + name + where + " was found but could not be created: " + what
            + ". " + fix,
        cause);
  }

  /** Fully qualified names of classes called {@code simpleName} in the classpath's folders. */
  private List<String> classesNamed(String simpleName) {
    String file = simpleName + ".class";
    List<String> names = new ArrayList<>();
    for (Path entry : classpath) {
      if (!Files.isDirectory(entry)) {
        continue; // jars are not searched: a typo is almost always in the project's own classes
      }
      try (Stream<Path> files = Files.walk(entry)) {
        files.filter(p -> p.getFileName().toString().equals(file))
            .map(p -> entry.relativize(p).toString())
            .map(p -> p.substring(0, p.length() - ".class".length())
                .replace(entry.getFileSystem().getSeparator(), "."))
            .sorted()
            .forEach(names::add);
      } catch (IOException | UncheckedIOException e) {
        // only a suggestion: an unreadable folder just yields none
      }
    }
    return names;
  }

  /**
   * The public concrete class in the classpath's folders (the project's own classes, where a
   * definition lives; jars are not read) that implements {@link InfrastructureDefinition} and
   * whose name is nearest to {@code name}, or {@code null} when there is none.
   */
  private String nearestDefinition(ClassLoader loader, String name) {
    List<String> definitions = new ArrayList<>();
    int searched = 0;
    for (Path entry : classpath) {
      if (!Files.isDirectory(entry)) {
        continue;
      }
      List<String> names;
      try (Stream<Path> files = Files.walk(entry)) {
        names = files.map(p -> entry.relativize(p).toString())
            .filter(p -> p.endsWith(".class") && !p.contains("$") && !p.contains("-"))
            .map(p -> p.substring(0, p.length() - ".class".length())
                .replace(entry.getFileSystem().getSeparator(), "."))
            .sorted()
            .toList();
      } catch (IOException | UncheckedIOException e) {
        continue; // only a suggestion: an unreadable folder just yields none
      }
      for (String candidate : names) {
        if (candidate.equals(name) || searched++ >= MAX_CLASSES_SEARCHED) {
          continue;
        }
        try {
          Class<?> type = Class.forName(candidate, false, loader);
          if (InfrastructureDefinition.class.isAssignableFrom(type) && !type.isInterface()
              && !Modifier.isAbstract(type.getModifiers())
              && Modifier.isPublic(type.getModifiers())
              && Modifier.isPublic(type.getConstructor().getModifiers())) {
            definitions.add(candidate);
          }
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
          // a class that does not load, or cannot be created, is no suggestion
        }
      }
    }
    String simple = simpleName(name).toLowerCase();
    // A shortened or lengthened name (Infra, InfrastructureDev) is nearer than any edit count
    // says; then the simple names decide, since a wrong package is the other usual mistake.
    return definitions.stream()
        .min(Comparator.<String>comparingInt(d -> {
              String other = simpleName(d).toLowerCase();
              return other.contains(simple) || simple.contains(other) ? 0 : 1;
            })
            .thenComparingInt(d -> NearestName.distance(simple, simpleName(d).toLowerCase()))
            .thenComparingInt(d -> NearestName.distance(name, d)))
        .orElse(null);
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** e.g. {@code 1 folder (/p/target/classes) and 3 jars}. */
  private String searched() {
    List<String> folders = new ArrayList<>();
    int jars = 0;
    for (Path entry : classpath) {
      if (Files.isRegularFile(entry)) {
        jars++;
      } else {
        folders.add(entry.toString());
      }
    }
    if (classpath.isEmpty()) {
      return "it is empty";
    }
    String folderPart = folders.isEmpty() ? "" : folders.size() + (folders.size() == 1 ? " folder ("
        : " folders (") + String.join(", ", folders) + ")";
    String jarPart = jars == 0 ? "" : jars + (jars == 1 ? " jar" : " jars");
    return "searched " + folderPart + (folderPart.isEmpty() || jarPart.isEmpty() ? "" : " and ")
        + jarPart;
  }

  /** A sentence about classpath folders that do not exist, or nothing. */
  private String missingFolders() {
    List<String> missing = classpath.stream()
        .filter(p -> !Files.exists(p))
        .map(Path::toString)
        .toList();
    return missing.isEmpty() ? "" : " Note: " + String.join(", ", missing)
        + (missing.size() == 1 ? " does" : " do") + " not exist; compile the project first.";
  }

  /** A service file, as a user finds it: its path, or its URL when it is inside a jar. */
  private static String locationOf(URL file) {
    if ("file".equals(file.getProtocol())) {
      try {
        return Path.of(file.toURI()).toString();
      } catch (URISyntaxException | IllegalArgumentException e) {
        // fall through to the URL
      }
    }
    return file.toString();
  }

  /** The classpath entry a resource URL comes from: a folder, or a jar's file name. */
  private static String entryOf(URL resource) {
    try {
      if ("jar".equals(resource.getProtocol())) {
        URLConnection connection = resource.openConnection();
        if (connection instanceof JarURLConnection jar) {
          return Path.of(jar.getJarFileURL().toURI()).getFileName().toString();
        }
      }
      if ("file".equals(resource.getProtocol())) {
        Path file = Path.of(resource.toURI());
        // Strip META-INF/services/<name> to name the classpath folder.
        return file.getParent().getParent().getParent().toString();
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException e) {
      // fall through to the URL itself, which still tells the user where to look
    }
    return resource.toString();
  }
}
