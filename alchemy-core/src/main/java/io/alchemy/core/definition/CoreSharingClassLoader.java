package io.alchemy.core.definition;

/**
 * The parent of a definition's class loader: the JDK's platform classes plus the {@code
 * io.alchemy.core} classes of the running engine, and nothing else.
 *
 * <p>Why: the engine (inside the Maven plugin, say) calls the user's definition through {@code
 * InfrastructureDefinition} and {@code Scope}; those types must be the very same {@code Class}
 * objects on both sides, or the cast fails with "X cannot be cast to X". Everything else (the
 * build tool's own libraries, the engine's Jackson) stays invisible, so the user's code sees only
 * its own classpath and can use other versions of the same libraries. The one exception is an
 * SLF4J 1 API without a binding ({@link #shareUnboundSlf4jWith}).
 */
final class CoreSharingClassLoader extends ClassLoader {

  /** Classes in this package and below are taken from the engine. */
  static final String SHARED_PREFIX = "io.alchemy.core.";

  static {
    registerAsParallelCapable();
  }

  /** SLF4J's API, shared only when the definition's classpath has SLF4J 1 without a binding. */
  static final String SLF4J_PREFIX = "org.slf4j.";

  private final ClassLoader engine;
  private volatile boolean shareSlf4j;

  /**
   * @param engine the class loader that loaded the engine's {@code io.alchemy.core} classes
   */
  CoreSharingClassLoader(ClassLoader engine) {
    super("alchemy-core-shared", ClassLoader.getPlatformClassLoader());
    this.engine = engine;
  }

  /**
   * Shares the host's SLF4J with {@code definition}'s class loader when that classpath brings
   * SLF4J 1 but no binding (an AWS SDK does): alone it would log nothing and print "Failed to load
   * class org.slf4j.impl.StaticLoggerBinder" on every run; shared, its logs go where the host's
   * go (Maven's log). Never for SLF4J 2 or a classpath with its own binding, whose API or choice
   * the host must not override. Call before the definition's first class loads.
   */
  void shareUnboundSlf4jWith(java.net.URLClassLoader definition) {
    boolean slf4jOne = definition.findResource("org/slf4j/LoggerFactory.class") != null
        && definition.findResource("org/slf4j/spi/SLF4JServiceProvider.class") == null;
    boolean unbound = definition.findResource("org/slf4j/impl/StaticLoggerBinder.class") == null;
    shareSlf4j = slf4jOne && unbound && hostHasSlf4j();
  }

  private boolean hostHasSlf4j() {
    try {
      engine.loadClass("org.slf4j.LoggerFactory");
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(SHARED_PREFIX) || (shareSlf4j && name.startsWith(SLF4J_PREFIX))) {
      return engine.loadClass(name);
    }
    // The platform loader is the parent: java.*, javax.* and other JDK modules come from there.
    return super.loadClass(name, resolve);
  }
}
