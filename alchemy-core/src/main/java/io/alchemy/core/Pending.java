package io.alchemy.core;

/**
 * Work started with {@link Scope#async(ScopeFunction)}, running beside the code that started it,
 * like a promise in {@code Promise.all}.
 *
 * <p>What the work declares comes after everything declared before {@code async} was called,
 * and what is declared after {@link #get()} returns comes after everything the work declared:
 * that order is recorded, and destroy deletes in its reverse. A scope's body does not return
 * while work started in it is still running.
 *
 * @param <T> what the work returns, e.g. a resource's output
 */
public interface Pending<T> {

  /**
   * Waits for the work to finish and returns its value. Work that has not started yet runs on
   * the calling thread instead of waiting for a free one.
   *
   * @return what the work returned
   * @throws Exception the work's failure: an {@link AlchemyException} as it was thrown (it names
   *     the resource or scope), anything else wrapped in a {@link BranchFailedException} that
   *     names the scope the work ran in
   */
  T get() throws Exception;

  /** Whether the work has finished, successfully or not; never waits. */
  boolean isDone();
}
