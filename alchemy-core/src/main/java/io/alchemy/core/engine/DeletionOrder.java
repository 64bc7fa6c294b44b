package io.alchemy.core.engine;

import io.alchemy.core.state.ResourceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order deletions must respect: the reverse of the recorded happens-before order. A deletion
 * waits for the deletions of everything that came after its resource, through resources that
 * stay; a record's own deletion also waits for its old instances. Records written before
 * predecessors were recorded count as a chain in the order of their {@code seq}.
 */
final class DeletionOrder {

  private DeletionOrder() {}

  /**
   * For each deletion, the deletions that must finish first.
   *
   * @param records every record of the stage, staying or not
   */
  static Map<Deletion, Set<Deletion>> of(List<Deletion> deletions,
      Collection<ResourceRecord> records) {
    if (deletions.isEmpty()) {
      // A run that deletes nothing (every no-op) need not order the whole stage's records.
      return Map.of();
    }
    Map<String, List<String>> successors = successors(records);
    Map<String, List<Deletion>> byAddress = new HashMap<>();
    for (Deletion deletion : deletions) {
      byAddress.computeIfAbsent(deletion.address(), a -> new ArrayList<>()).add(deletion);
    }
    Map<Deletion, Set<Deletion>> waits = new HashMap<>();
    for (Map.Entry<String, List<Deletion>> entry : byAddress.entrySet()) {
      String address = entry.getKey();
      Set<Deletion> after = new LinkedHashSet<>();
      // The nearest later resources that are deleted too; the ones beyond them wait for them.
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>(successors.getOrDefault(address, List.of()));
      while (!todo.isEmpty()) {
        String next = todo.pop();
        if (next.equals(address) || !seen.add(next)) {
          continue;
        }
        List<Deletion> deleted = byAddress.get(next);
        if (deleted != null) {
          after.addAll(deleted);
        } else {
          todo.addAll(successors.getOrDefault(next, List.of()));
        }
      }
      for (Deletion deletion : entry.getValue()) {
        Set<Deletion> first = new LinkedHashSet<>(after);
        if (deletion.old() == null) {
          for (Deletion sibling : entry.getValue()) {
            if (sibling.old() != null) {
              first.add(sibling);
            }
          }
        }
        waits.put(deletion, first);
      }
    }
    return waits;
  }

  /** Which records came directly after each record, by address. */
  private static Map<String, List<String>> successors(Collection<ResourceRecord> records) {
    Map<String, List<String>> successors = new HashMap<>();
    ResourceRecord previous = null;
    List<ResourceRecord> bySeq = new ArrayList<>(records);
    bySeq.sort(Comparator.comparingLong(ResourceRecord::seq));
    for (ResourceRecord record : bySeq) {
      List<String> predecessors = record.predecessors() != null ? record.predecessors()
          : previous == null ? List.of() : List.of(previous.address());
      for (String predecessor : predecessors) {
        successors.computeIfAbsent(predecessor, a -> new ArrayList<>()).add(record.address());
      }
      previous = record;
    }
    return successors;
  }

  /** Which of two ready deletions goes first: the newest, and old instances before the record. */
  static final Comparator<Deletion> NEWEST_FIRST = Comparator
      .comparingLong((Deletion d) -> d.record().seq()).reversed()
      .thenComparing(d -> d.old() == null)
      .thenComparing(Deletion::address);
}
