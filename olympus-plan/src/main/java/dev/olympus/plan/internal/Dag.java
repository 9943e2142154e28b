package dev.olympus.plan.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A directed graph of named nodes where an edge {@code a → b} means "b runs after a". Edges to
 * unknown nodes are ignored (the validator reports them). Immutable and thread-safe.
 */
public final class Dag {
  private final List<String> nodes;
  private final Map<String, List<String>> dependencies;
  private final Map<String, List<String>> dependents;

  /** Builds the graph from each node's dependencies, keeping declaration order. */
  public Dag(Map<String, List<String>> dependenciesByNode) {
    this.nodes = List.copyOf(dependenciesByNode.keySet());
    Map<String, List<String>> deps = new LinkedHashMap<>();
    Map<String, List<String>> dependentsOf = new LinkedHashMap<>();
    nodes.forEach(n -> dependentsOf.put(n, new ArrayList<>()));
    dependenciesByNode.forEach(
        (node, after) -> {
          List<String> known = after.stream().filter(dependentsOf::containsKey).toList();
          deps.put(node, known);
          known.forEach(d -> dependentsOf.get(d).add(node));
        });
    this.dependencies = Collections.unmodifiableMap(deps);
    dependentsOf.replaceAll((k, v) -> List.copyOf(v));
    this.dependents = Collections.unmodifiableMap(dependentsOf);
  }

  /** The nodes in declaration order. */
  public List<String> nodes() {
    return nodes;
  }

  /** The direct dependencies of {@code node}. */
  public List<String> dependencies(String node) {
    return dependencies.getOrDefault(node, List.of());
  }

  /** The nodes that directly depend on {@code node}. */
  public List<String> dependents(String node) {
    return dependents.getOrDefault(node, List.of());
  }

  /** Every node {@code node} transitively depends on. */
  public Set<String> ancestors(String node) {
    return reach(node, dependencies);
  }

  /** Every node that transitively depends on {@code node}. */
  public Set<String> descendants(String node) {
    return reach(node, dependents);
  }

  /**
   * A topological order (dependencies first); ties keep declaration order.
   *
   * @throws IllegalStateException if the graph has a cycle
   */
  public List<String> topologicalOrder() {
    List<String> order = kahn();
    if (order.size() != nodes.size()) {
      throw new IllegalStateException("the graph has a cycle: " + findCycle().orElseThrow());
    }
    return order;
  }

  /**
   * The nodes a topological order can place: all but those on a cycle or after one. Every ancestor
   * of such a node is one too.
   */
  public Set<String> orderable() {
    return new HashSet<>(kahn());
  }

  /**
   * For each candidate ancestor, which of the nodes asking about it descend from it. Costs one pass
   * in topological order per 64 candidates, each pass a 64-bit mask per node. A node on a cycle, or
   * after one, has no topological position: it is reported as descending from nothing, which the
   * caller may ignore once the cycle itself is reported.
   *
   * @param askersByAncestor the nodes asking, by the candidate ancestor they ask about
   */
  public Map<String, Set<String>> descendantsAmong(Map<String, Set<String>> askersByAncestor) {
    List<String> order = kahn();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      index.put(order.get(i), i);
    }
    int[][] parents = new int[order.size()][];
    for (int i = 0; i < order.size(); i++) {
      parents[i] = dependencies(order.get(i)).stream().mapToInt(index::get).toArray();
    }
    List<String> candidates =
        askersByAncestor.keySet().stream().filter(index::containsKey).toList();
    Map<String, Set<String>> found = new HashMap<>();
    for (int from = 0; from < candidates.size(); from += Long.SIZE) {
      List<String> batch = candidates.subList(from, Math.min(from + Long.SIZE, candidates.size()));
      long[] reach = reach(parents, batch, index);
      for (int bit = 0; bit < batch.size(); bit++) {
        Set<String> descendants = new HashSet<>();
        for (String asker : askersByAncestor.get(batch.get(bit))) {
          Integer at = index.get(asker);
          if (at != null && (reach[at] & (1L << bit)) != 0) {
            descendants.add(asker);
          }
        }
        found.put(batch.get(bit), descendants);
      }
    }
    return found;
  }

  // reach[i] has bit k set when batch.get(k) is an ancestor of the node at position i.
  private static long[] reach(int[][] parents, List<String> batch, Map<String, Integer> index) {
    long[] self = new long[parents.length];
    for (int bit = 0; bit < batch.size(); bit++) {
      self[index.get(batch.get(bit))] = 1L << bit;
    }
    long[] reach = new long[parents.length];
    for (int i = 0; i < parents.length; i++) {
      for (int parent : parents[i]) {
        reach[i] |= reach[parent] | self[parent];
      }
    }
    return reach;
  }

  private List<String> kahn() {
    Map<String, Integer> pending = new HashMap<>();
    Deque<String> ready = new ArrayDeque<>();
    for (String node : nodes) {
      pending.put(node, dependencies(node).size());
      if (dependencies(node).isEmpty()) {
        ready.add(node);
      }
    }
    List<String> order = new ArrayList<>(nodes.size());
    while (!ready.isEmpty()) {
      String node = ready.poll();
      order.add(node);
      for (String next : dependents(node)) {
        if (pending.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    return order;
  }

  /** Returns a cycle as a path {@code a, b, c, a} if there is one. */
  public Optional<List<String>> findCycle() {
    Map<String, Integer> color = new HashMap<>();
    for (String start : nodes) {
      if (!color.containsKey(start)) {
        Optional<List<String>> cycle = cycleFrom(start, color);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    return Optional.empty();
  }

  // Iterative depth-first search: 1 = on the current path, 2 = finished.
  private Optional<List<String>> cycleFrom(String start, Map<String, Integer> color) {
    Deque<String> path = new ArrayDeque<>();
    Deque<Integer> nextChild = new ArrayDeque<>();
    path.push(start);
    nextChild.push(0);
    color.put(start, 1);
    while (!path.isEmpty()) {
      String node = path.peek();
      int index = nextChild.pop();
      List<String> children = dependencies(node);
      if (index == children.size()) {
        color.put(node, 2);
        path.pop();
        continue;
      }
      nextChild.push(index + 1);
      String child = children.get(index);
      Integer c = color.get(child);
      if (c == null) {
        color.put(child, 1);
        path.push(child);
        nextChild.push(0);
      } else if (c == 1) {
        return Optional.of(cyclePath(path, child));
      }
    }
    return Optional.empty();
  }

  // The path stack holds the newest node first; a cycle reads in "runs after" order reversed,
  // so report it as dependency edges: child ... node child.
  private static List<String> cyclePath(Deque<String> path, String repeated) {
    List<String> cycle = new ArrayList<>();
    for (String node : path) {
      cycle.add(node);
      if (node.equals(repeated)) {
        break;
      }
    }
    Collections.reverse(cycle);
    cycle.add(repeated);
    return cycle;
  }

  private static Set<String> reach(String node, Map<String, List<String>> edges) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(edges.getOrDefault(node, List.of()));
    while (!todo.isEmpty()) {
      String next = todo.poll();
      if (seen.add(next)) {
        todo.addAll(edges.getOrDefault(next, List.of()));
      }
    }
    return Collections.unmodifiableSet(seen);
  }
}
