package io.alchemy.core;

/**
 * The one class a project writes to describe its infrastructure.
 *
 * <p>Alchemy calls {@link #define(Scope)} with the stage scope ({@code my-app/dev}) on every run,
 * whatever the phase: declare resources with {@link Scope#resource}, group them in child scopes
 * with {@link Scope#run(String, ScopeBody)}, and let the engine decide what to create, update or
 * delete. The class needs a public no-argument constructor.
 *
 * <pre>{@code
 * public class Infrastructure implements InfrastructureDefinition {
 *   public void define(Scope scope) throws Exception {
 *     scope.run("storage", storage -> {
 *       TextFile.declare(storage, "images", TextFile.props(Path.of("target/images.txt"), "v1"));
 *     });
 *   }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface InfrastructureDefinition {

  /**
   * Declares the infrastructure of one stage.
   *
   * @param scope the stage scope, child of the app's root scope
   * @throws Exception any failure; the run then fails and deletes no orphans
   */
  void define(Scope scope) throws Exception;
}
