package io.alchemy.core;

/**
 * The body of a child scope that returns nothing, used with {@link Scope#run(String, ScopeBody)}.
 * For a body that returns a value use {@link ScopeFunction} with {@link Scope#call}.
 */
@FunctionalInterface
public interface ScopeBody {

  /**
   * Declares the child scope's resources.
   *
   * @param scope the child scope
   * @throws Exception any failure; the child scope and its ancestors then delete no orphans
   */
  void accept(Scope scope) throws Exception;
}
