package io.alchemy.core;

/**
 * The body of a child scope that returns a value, used with {@link Scope#call(String,
 * ScopeFunction)}.
 *
 * @param <T> what the body returns
 */
@FunctionalInterface
public interface ScopeFunction<T> {

  /**
   * Declares the child scope's resources and returns a value to the caller.
   *
   * @param scope the child scope
   * @return any value, for example a resource's output
   * @throws Exception any failure; the child scope and its ancestors then delete no orphans
   */
  T apply(Scope scope) throws Exception;
}
