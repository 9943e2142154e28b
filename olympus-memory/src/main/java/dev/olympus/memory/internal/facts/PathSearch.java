package dev.olympus.memory.internal.facts;

import dev.olympus.memory.GraphPath;
import dev.olympus.memory.LimitExceededException;
import dev.olympus.memory.internal.CanonicalJson;
import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shortest paths between two entities, found one length at a time on one snapshot of the
 * relations. A walk that enumerated every path up to the maximum length before sorting grew as the
 * number of paths (factorial in a densely related group of entities) even when the answer was
 * empty; here a path is only extended to an entity from which the end can still be reached within
 * the length left (distances found by a walk back from the end), the search stops after the length
 * at which the wanted number of paths is complete, and more than {@link #MAX_PARTIAL_PATHS} partial
 * paths are refused. Paths are ordered by length, then by the JSON text of their entity ids, then
 * of their relation types (compared by code point, as SQLite and PostgreSQL's "C" collation compare
 * it). Not thread-safe: one search on one session.
 */
final class PathSearch {
  /** How many partial paths a search may follow before it gives up. */
  static final int MAX_PARTIAL_PATHS = 100_000;

  private static final Comparator<String> CODE_POINTS = PathSearch::compareCodePoints;
  private static final Comparator<GraphPath> ORDER =
      Comparator.comparingInt(GraphPath::length)
          .thenComparing(p -> json(p.entityIds()), CODE_POINTS)
          .thenComparing(p -> json(p.relationTypes()), CODE_POINTS);

  private final Session s;
  private final String from;
  private final String to;
  private final int maxDepth;
  private final Map<String, List<Step>> outgoing = new HashMap<>();
  private final Map<String, Integer> distanceToEnd = new HashMap<>();
  private int partialPaths;

  /** One relation followed. */
  private record Step(String dst, String type) {}

  /** A path being extended: the entities from the start, the relation types between them. */
  private record Partial(List<String> ids, List<String> types) {
    String last() {
      return ids.get(ids.size() - 1);
    }

    Partial then(Step step) {
      List<String> longerIds = new ArrayList<>(ids);
      longerIds.add(step.dst());
      List<String> longerTypes = new ArrayList<>(types);
      longerTypes.add(step.type());
      return new Partial(longerIds, longerTypes);
    }
  }

  PathSearch(Session s, String from, String to, int maxDepth) {
    this.s = s;
    this.from = from;
    this.to = to;
    this.maxDepth = maxDepth;
  }

  /**
   * The at most {@code maxPaths} shortest paths.
   *
   * @throws LimitExceededException if more than {@link #MAX_PARTIAL_PATHS} partial paths would have
   *     to be followed
   */
  List<GraphPath> shortest(int maxPaths) throws SQLException {
    measureDistancesToEnd();
    if (from.equals(to) || !distanceToEnd.containsKey(from)) {
      return List.of();
    }
    List<GraphPath> found = new ArrayList<>();
    List<Partial> frontier = List.of(new Partial(List.of(from), List.of()));
    for (int depth = 1; depth <= maxDepth && found.size() < maxPaths; depth++) {
      List<Partial> next = new ArrayList<>();
      for (Partial partial : frontier) {
        extend(partial, depth, found, next);
      }
      frontier = next;
    }
    found.sort(ORDER);
    return List.copyOf(found.subList(0, Math.min(maxPaths, found.size())));
  }

  // Each relation out of the partial path's end: to the end (a path found), or to an entity not on
  // the path from which the end is still reachable within the length left.
  private void extend(Partial partial, int depth, List<GraphPath> found, List<Partial> next)
      throws SQLException {
    for (Step step : outgoing(partial.last())) {
      if (partial.ids().contains(step.dst())) {
        continue;
      }
      if (step.dst().equals(to)) {
        Partial path = partial.then(step);
        found.add(new GraphPath(path.ids(), path.types()));
        continue;
      }
      Integer left = distanceToEnd.get(step.dst());
      if (left != null && depth + left <= maxDepth) {
        if (++partialPaths > MAX_PARTIAL_PATHS) {
          throw new LimitExceededException(
              "paths from "
                  + from
                  + " to "
                  + to
                  + " of at most "
                  + maxDepth
                  + " relations: more than "
                  + MAX_PARTIAL_PATHS
                  + " partial paths to follow; ask for fewer relations");
        }
        next.add(partial.then(step));
      }
    }
  }

  // How many relations each entity is from the end, walking relations backwards from it. The start
  // and the end are never inside a path, so the walk does not go on through them.
  private void measureDistancesToEnd() throws SQLException {
    distanceToEnd.put(to, 0);
    List<String> frontier = List.of(to);
    for (int distance = 1; distance <= maxDepth && !frontier.isEmpty(); distance++) {
      List<String> next = new ArrayList<>();
      for (String node : frontier) {
        for (String src : incoming(node)) {
          if (!distanceToEnd.containsKey(src)) {
            distanceToEnd.put(src, distance);
            if (!src.equals(from)) {
              next.add(src);
            }
          }
        }
      }
      frontier = next;
    }
  }

  private List<String> incoming(String node) throws SQLException {
    return s.query("SELECT DISTINCT src FROM relations WHERE dst = ?", rs -> rs.getString(1), node);
  }

  private List<Step> outgoing(String node) throws SQLException {
    List<Step> steps = outgoing.get(node);
    if (steps == null) {
      steps =
          s.query(
              "SELECT dst, type FROM relations WHERE src = ?",
              rs -> new Step(rs.getString(1), rs.getString(2)),
              node);
      outgoing.put(node, steps);
    }
    return steps;
  }

  private static String json(List<String> values) {
    return "[" + String.join(",", values.stream().map(CanonicalJson::quote).toList()) + "]";
  }

  // UTF-8 byte order, which is code point order (String.compareTo orders UTF-16 units).
  private static int compareCodePoints(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }
}
