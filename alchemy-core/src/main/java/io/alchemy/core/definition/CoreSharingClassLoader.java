package io.alchemy.core.definition;

/**
 * The parent of a definition's class loader: the JDK's platform classes plus the {@code
 * io.alchemy.core} classes of the running engine, and nothing else.
 *
 * <p>Why: the engine (inside the Maven plugin, say) calls the user's definition through {@code
 * InfrastructureDefinition} and {@code Scope}; those types must be the very same {@code Class}
 * objects on both sides, or the cast fails with "X cannot be cast to X". Everything else (the
 * build tool's own libraries, the engine's Jackson) stays invisible, so the user's code sees only
 * its own classpath and can use other versions of the same libraries.
 */
final class CoreSharingClassLoader extends ClassLoader {

  /** Classes in this package and below are taken from the engine. */
  static final String SHARED_PREFIX = "io.alchemy.core.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader engine;

  /**
   * @param engine the class loader that loaded the engine's {@code io.alchemy.core} classes
   */
  CoreSharingClassLoader(ClassLoader engine) {
    super("alchemy-core-shared", ClassLoader.getPlatformClassLoader());
    this.engine = engine;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(SHARED_PREFIX)) {
      return engine.loadClass(name);
    }
    // The platform loader is the parent: java.*, javax.* and other JDK modules come from there.
    return super.loadClass(name, resolve);
  }
}
