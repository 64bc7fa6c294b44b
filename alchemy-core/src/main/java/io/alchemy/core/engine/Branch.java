package io.alchemy.core.engine;

import io.alchemy.core.AlchemyException;
import io.alchemy.core.BranchFailedException;
import io.alchemy.core.Pending;
import io.alchemy.core.ScopeFunction;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work started with {@code async} (or one item of {@code forEach}): the definition's code for it,
 * run on its own {@link Strand} in the scope it was started in. Whoever waits for it while it has
 * not started runs it on their own thread, so waiting never needs a free worker.
 */
final class Branch<T> implements Pending<T> {

  private final ScopeNode scope;
  private final Strand strand;
  private final FutureTask<T> task;
  private volatile long failedAt = -1;
  private volatile Exception failure;
  /** Whether the failure reached the definition's code, through get() or a forEach. */
  private volatile boolean seen;

  Branch(ScopeNode scope, Strand strand, ScopeFunction<T> work, Scheduler scheduler) {
    this.scope = scope;
    this.strand = strand;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    this.task = new FutureTask<>(() -> {
      try {
        return scheduler.runOn(strand, loader, () -> work.apply(scope));
      } catch (Exception | Error e) {
        // An AlchemyException names the resource or scope already; anything else gets the scope.
        failure = e instanceof AlchemyException alchemy ? alchemy
            : e instanceof Exception ? new BranchFailedException(scope.chainFqn(), e) : null;
        failedAt = scheduler.tick();
        scope.branchFailed(e);
        throw e;
      }
    });
  }

  /** Runs the work on this thread, unless it has started already. */
  void run() {
    task.run();
  }

  /** Waits until the work has finished, running it here if nobody has started it. */
  void await() throws InterruptedException {
    task.run();
    try {
      task.get();
    } catch (ExecutionException failed) {
      // seen through failure()
    }
  }

  @Override
  public T get() throws Exception {
    await();
    scope.scheduler().strand().join(List.of(strand));
    if (failedAt >= 0) {
      seen = true;
      throw failure();
    }
    return task.get();
  }

  /** The value of work that finished successfully; neither waits nor joins. */
  T value() throws Exception {
    return task.get();
  }

  boolean seen() {
    return seen;
  }

  void markSeen() {
    seen = true;
  }

  @Override
  public boolean isDone() {
    return task.isDone();
  }

  Strand strand() {
    return strand;
  }

  /** When the work failed, on the scheduler's clock; -1 when it has not (yet). */
  long failedAt() {
    return failedAt;
  }

  /**
   * The finished work's failure as {@link #get()} throws it; an {@link Error} is thrown.
   */
  Exception failure() {
    if (failure == null) {
      try {
        task.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e;
      }
    }
    return failure;
  }
}
