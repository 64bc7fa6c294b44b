package io.alchemy.core.engine;

import io.alchemy.core.ScopeFunction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs a run's concurrent work: {@code async} branches and deletions, on at most {@code
 * parallelism} worker threads, with at most {@code parallelism} provider calls at once. It also
 * knows which {@link Strand} each thread is on, so every resource finds its predecessors. With a
 * parallelism of 1 there are no workers: work runs where it is started, in the order written.
 */
final class Scheduler implements AutoCloseable {

  private final int parallelism;
  private final Semaphore calls;
  private final ThreadPoolExecutor workers;
  private final HappensBefore order = new HappensBefore();
  private final Strand main = new Strand(order, Set.of());
  private final ThreadLocal<Strand> current = new ThreadLocal<>();
  private final List<Branch<?>> branches = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong();

  Scheduler(int parallelism, String name) {
    this.parallelism = parallelism;
    this.calls = new Semaphore(parallelism, true);
    if (parallelism == 1) {
      this.workers = null;
    } else {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      AtomicInteger count = new AtomicInteger();
      this.workers = new ThreadPoolExecutor(parallelism, parallelism, 10, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            // Provider libraries (JDBC drivers, SDK clients) look things up through it.
            thread.setContextClassLoader(loader);
            return thread;
          });
      workers.allowCoreThreadTimeOut(true);
    }
  }

  HappensBefore order() {
    return order;
  }

  /** The strand of the calling thread: a branch's, or the definition's own. */
  Strand strand() {
    Strand strand = current.get();
    return strand == null ? main : strand;
  }

  /** A tick of a clock that orders failures: the first one wins. */
  long tick() {
    return clock.incrementAndGet();
  }

  /** Starts {@code work} in {@code scope} on a new strand forked from the caller's. */
  <T> Branch<T> start(ScopeNode scope, ScopeFunction<T> work) {
    Branch<T> branch = new Branch<>(scope, strand().fork(), work, this);
    synchronized (branches) {
      branches.add(branch);
    }
    if (workers == null) {
      branch.run();
    } else {
      try {
        workers.execute(branch::run);
      } catch (RejectedExecutionException runIsOver) {
        // Started by a cleanup handler, after the run: nothing else is running any more.
        branch.run();
      }
    }
    return branch;
  }

  /** Runs {@code work} on {@code strand}, with {@code loader} as context class loader. */
  <T> T runOn(Strand strand, ClassLoader loader, Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    Strand previous = current.get();
    ClassLoader previousLoader = thread.getContextClassLoader();
    current.set(strand);
    thread.setContextClassLoader(loader);
    try {
      return work.call();
    } finally {
      current.set(previous);
      thread.setContextClassLoader(previousLoader);
    }
  }

  /**
   * Makes a provider call, or waits until fewer than {@code parallelism} are running.
   *
   * @throws InterruptedException when interrupted while waiting; no call was made
   */
  <T> T call(Callable<T> providerCall) throws Exception {
    calls.acquire();
    try {
      return providerCall.call();
    } finally {
      calls.release();
    }
  }

  /**
   * Waits for {@code finished} (running any not yet started here), then joins their strands into
   * the caller's.
   *
   * @return the first of their failures, in time, that the definition has not seen yet, or
   *     {@code null}; all of them count as seen from now on
   */
  Exception awaitAll(Collection<? extends Branch<?>> waitFor) throws InterruptedException {
    List<Strand> strands = new ArrayList<>(waitFor.size());
    for (Branch<?> branch : waitFor) {
      branch.await();
      strands.add(branch.strand());
    }
    strand().join(strands);
    Branch<?> first = null;
    for (Branch<?> branch : waitFor) {
      if (branch.failedAt() >= 0 && !branch.seen()
          && (first == null || branch.failedAt() < first.failedAt())) {
        first = branch;
      }
    }
    if (first == null) {
      return null;
    }
    for (Branch<?> branch : waitFor) {
      if (branch.failedAt() >= 0) {
        branch.markSeen();
      }
    }
    return first.failure();
  }

  /**
   * Waits for every branch of the run, also those started in a scope after its body ended, so
   * that nothing outlives the run.
   */
  void awaitEverything() throws InterruptedException {
    while (true) {
      List<Branch<?>> all;
      synchronized (branches) {
        all = new ArrayList<>(branches);
      }
      for (Branch<?> branch : all) {
        branch.await();
      }
      synchronized (branches) {
        if (branches.size() == all.size()) {
          return;
        }
      }
    }
  }

  /**
   * Runs {@code work} on every item, each only after all the items it waits for succeeded, up to
   * {@code parallelism} at once; ready items start in {@code priority} order. An item waiting
   * (directly or not) for one that failed is skipped. Items that wait for each other in a cycle
   * start one at a time, first in {@code priority} order, when nothing else can.
   *
   * @param waitsFor for each item, the items that must succeed before it starts
   * @return the failures, by item, in the order they happened, and what was skipped
   */
  <N> Outcome<N> runInOrder(Collection<N> items, Map<N, Set<N>> waitsFor,
      java.util.Comparator<N> priority, Function<N, Callable<Void>> work)
      throws InterruptedException {
    Map<N, Integer> waiting = new HashMap<>();
    Map<N, List<N>> waiters = new HashMap<>();
    PriorityQueue<N> ready = new PriorityQueue<>(priority);
    Set<N> notStarted = new HashSet<>(items);
    for (N item : items) {
      Set<N> before = waitsFor.getOrDefault(item, Set.of());
      waiting.put(item, before.size());
      for (N b : before) {
        waiters.computeIfAbsent(b, k -> new ArrayList<>()).add(item);
      }
      if (before.isEmpty()) {
        ready.add(item);
      }
    }
    Map<N, Throwable> failures = new LinkedHashMap<>();
    Set<N> skipped = new HashSet<>();
    BlockingQueue<Done<N>> done = new LinkedBlockingQueue<>();
    int running = 0;
    while (true) {
      while (running < parallelism && !ready.isEmpty()) {
        N item = ready.poll();
        notStarted.remove(item);
        running++;
        Runnable task = () -> {
          try {
            call(work.apply(item));
            done.add(new Done<>(item, null));
          } catch (Exception | Error e) {
            done.add(new Done<>(item, e));
          }
        };
        if (workers == null) {
          task.run();
        } else {
          workers.execute(task);
        }
      }
      if (running == 0) {
        notStarted.removeAll(skipped);
        if (notStarted.isEmpty()) {
          return new Outcome<>(failures, skipped);
        }
        // Only a cycle is left: recorded orders from different runs that disagree.
        ready.add(notStarted.stream().min(priority).orElseThrow());
        continue;
      }
      Done<N> finished = done.take();
      running--;
      if (finished.failure() == null) {
        for (N next : waiters.getOrDefault(finished.item(), List.of())) {
          if (waiting.merge(next, -1, Integer::sum) == 0 && !skipped.contains(next)
              && notStarted.contains(next)) {
            ready.add(next);
          }
        }
      } else {
        failures.put(finished.item(), finished.failure());
        List<N> todo = new ArrayList<>(waiters.getOrDefault(finished.item(), List.of()));
        while (!todo.isEmpty()) {
          N next = todo.remove(todo.size() - 1);
          if (notStarted.contains(next) && skipped.add(next)) {
            ready.remove(next);
            todo.addAll(waiters.getOrDefault(next, List.of()));
          }
        }
      }
    }
  }

  private record Done<N>(N item, Throwable failure) {}

  /**
   * What {@link #runInOrder} left undone.
   *
   * @param failures what failed, in the order it failed
   * @param skipped what was not started because something it waits for failed
   */
  record Outcome<N>(Map<N, Throwable> failures, Set<N> skipped) {}

  /**
   * Stops the workers. Every branch has finished by now, unless the run was interrupted (a stop
   * signal): then running provider calls are interrupted too, so that nothing outlives the run.
   */
  @Override
  public void close() {
    if (workers != null) {
      if (Thread.currentThread().isInterrupted()) {
        workers.shutdownNow();
      } else {
        workers.shutdown();
      }
    }
  }
}
