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
   * Each node's position in a topological order. Nodes on a cycle, or after one, have none: every
   * ancestor of a node that has a position has a smaller one.
   */
  public Map<String, Integer> topologicalIndex() {
    List<String> order = kahn();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      index.put(order.get(i), i);
    }
    return index;
  }

  /**
   * Which of {@code wanted} are descendants of {@code node}, found in one search that stops once
   * all are found and never enters nodes placed after every wanted one in {@code index} (from
   * {@link #topologicalIndex()}): such nodes cannot lead to them.
   */
  public Set<String> descendantsAmong(String node, Set<String> wanted, Map<String, Integer> index) {
    int limit = 0;
    for (String w : wanted) {
      limit = Math.max(limit, index.getOrDefault(w, Integer.MAX_VALUE));
    }
    Set<String> found = new HashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(dependents(node));
    while (!todo.isEmpty() && found.size() < wanted.size()) {
      String next = todo.poll();
      if (index.getOrDefault(next, Integer.MIN_VALUE) <= limit && seen.add(next)) {
        if (wanted.contains(next)) {
          found.add(next);
        }
        todo.addAll(dependents(next));
      }
    }
    return found;
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
