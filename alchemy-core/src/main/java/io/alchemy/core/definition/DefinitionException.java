package io.alchemy.core.definition;

import io.alchemy.core.AlchemyException;
import java.util.List;

/**
 * The {@link io.alchemy.core.InfrastructureDefinition} to run could not be found or created.
 * Nothing ran and nothing changed. The message says which class, what is wrong and how to fix it;
 * {@link #problem()} lets a caller tell the cases apart without reading the message.
 */
public class DefinitionException extends AlchemyException {

  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Problem {
    /** The named class is not on the classpath. */
    NOT_FOUND,
    /** No class was named and none is registered in {@code META-INF/services}. */
    NONE_REGISTERED,
    /** No class was named and more than one is registered. */
    SEVERAL_REGISTERED,
    /** The class does not implement {@code InfrastructureDefinition}. */
    NOT_A_DEFINITION,
    /** The class is abstract or an interface, so it cannot be instantiated. */
    ABSTRACT,
    /** The class, or its enclosing class, is not public, or it is a non-static inner class. */
    NOT_ACCESSIBLE,
    /** The class has no public constructor without parameters. */
    NO_PUBLIC_NO_ARG_CONSTRUCTOR,
    /** The class was found but its constructor, static initializer or a dependency failed. */
    CONSTRUCTION_FAILED
  }

  private final Problem problem;
  private final String className;
  private final List<String> found;

  /**
   * A failure with a complete message.
   *
   * @param problem what went wrong
   * @param className the class concerned, {@code null} when none was named or found
   * @param found what was found instead (registered classes, similar names), possibly empty
   * @param message what, where and the fix
   * @param cause what was thrown, if anything
   */
  public DefinitionException(Problem problem, String className, List<String> found,
      String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.className = className;
    this.found = List.copyOf(found);
  }

  /** What went wrong. */
  public Problem problem() {
    return problem;
  }

  /** The class concerned, or {@code null} when none was named or found. */
  public String className() {
    return className;
  }

  /** What was found instead: registered classes or classes with the same simple name. */
  public List<String> found() {
    return found;
  }
}
