package io.alchemy.core.engine;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The happens-before order of one run, as far as it has got: every resource declared so far, in
 * the order of declaration, with its direct predecessors. A resource is declared only after its
 * predecessors were, so the declaration index grows along every path of the order; that bounds
 * the searches below to the part of the run after what they look for.
 */
final class HappensBefore {

  private record Node(long index, List<String> predecessors) {}

  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();

  /** Adds {@code address}, declared now, after {@code predecessors}. */
  void add(String address, List<String> predecessors) {
    nodes.put(address, new Node(next.getAndIncrement(), predecessors));
  }

  /**
   * The latest elements of {@code frontier}: those that come before no other element of it. What
   * the rest come before is implied, so recording them again would only add noise.
   */
  Set<String> latest(Set<String> frontier) {
    if (frontier.size() < 2) {
      return frontier;
    }
    long oldest = Long.MAX_VALUE;
    for (String address : frontier) {
      oldest = Math.min(oldest, index(address));
    }
    // Walk back from every element, never below the oldest one: what is reached comes before
    // something in the frontier.
    Set<String> reached = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(frontier);
    while (!todo.isEmpty()) {
      Node node = nodes.get(todo.pop());
      if (node == null) {
        continue;
      }
      for (String predecessor : node.predecessors()) {
        if (index(predecessor) >= oldest && reached.add(predecessor)) {
          todo.push(predecessor);
        }
      }
    }
    if (reached.isEmpty()) {
      return frontier;
    }
    Set<String> latest = new TreeSet<>(frontier);
    latest.removeAll(reached);
    return latest;
  }

  /** The union of {@code frontiers}, reduced to its latest elements. */
  Set<String> join(Collection<Set<String>> frontiers) {
    Set<String> union = new TreeSet<>();
    for (Set<String> frontier : frontiers) {
      union.addAll(frontier);
    }
    return latest(union);
  }

  private long index(String address) {
    Node node = nodes.get(address);
    return node == null ? -1 : node.index();
  }
}
