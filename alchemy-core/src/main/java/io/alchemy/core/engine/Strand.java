package io.alchemy.core.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One line of program order in a run: the definition's own code, or one piece of work started
 * with {@code async}. It knows its frontier, the latest resources declared on it (one after
 * sequential code, several after a join), which are the predecessors of the next one.
 */
final class Strand {

  private final HappensBefore order;
  private Set<String> frontier;

  Strand(HappensBefore order, Set<String> frontier) {
    this.order = order;
    this.frontier = frontier;
  }

  /** What the next resource declared on this strand comes after, sorted for stable state. */
  synchronized List<String> predecessors() {
    return List.copyOf(frontier);
  }

  /** {@code address} was declared on this strand: it is now all that the next one comes after. */
  synchronized void advance(String address) {
    frontier = Set.of(address);
  }

  /** A strand that starts after everything declared on this one so far. */
  synchronized Strand fork() {
    return new Strand(order, frontier);
  }

  /** What follows on this strand comes after everything declared on {@code finished}. */
  void join(Collection<Strand> finished) {
    if (finished.isEmpty()) {
      return;
    }
    List<Set<String>> frontiers = new ArrayList<>(finished.size() + 1);
    for (Strand strand : finished) {
      frontiers.add(strand.frontier());
    }
    synchronized (this) {
      frontiers.add(frontier);
      frontier = order.join(frontiers);
    }
  }

  private synchronized Set<String> frontier() {
    return frontier;
  }
}
