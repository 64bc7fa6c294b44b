package io.alchemy.core.definition;

import io.alchemy.core.InfrastructureDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;

/**
 * A definition instantiated from a project's classpath, with the class loader it came from. Pass
 * {@link #classLoader()} to {@link io.alchemy.core.Alchemy.Builder#classLoader(ClassLoader)} so
 * that providers of orphans are found on the same classpath, and close this when the run is over
 * so the classpath's jar files are released (it matters in long-lived JVMs such as IDEs or a
 * Maven daemon, and on Windows, where open jars cannot be deleted).
 */
public final class LoadedDefinition implements AutoCloseable {

  private final InfrastructureDefinition definition;
  private final String className;
  private final String origin;
  private final URLClassLoader classLoader;

  LoadedDefinition(InfrastructureDefinition definition, String className, String origin,
      URLClassLoader classLoader) {
    this.definition = definition;
    this.className = className;
    this.origin = origin;
    this.classLoader = classLoader;
  }

  /** The new instance of the definition class. */
  public InfrastructureDefinition definition() {
    return definition;
  }

  /** The definition's fully qualified class name. */
  public String className() {
    return className;
  }

  /** How the class was chosen, for logs: {@code "named"} or {@code "registered in <entry>"}. */
  public String origin() {
    return origin;
  }

  /** The class loader of the project's classpath that loaded the definition. */
  public ClassLoader classLoader() {
    return classLoader;
  }

  /** Releases the classpath's open jar files. The definition must not be used afterwards. */
  @Override
  public void close() {
    try {
      classLoader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the class loader of " + className, e);
    }
  }
}
