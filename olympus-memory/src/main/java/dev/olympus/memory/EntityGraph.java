package dev.olympus.memory;

import java.util.List;
import java.util.Optional;

/**
 * Entities and directed, typed relations between them, with neighbour and path queries. Removing an
 * entity removes its relations.
 *
 * <pre>{@code
 * EntityGraph g = memory.graph();
 * g.put(Entity.of("alice", "person"));
 * g.put(Entity.of("olympus", "project"));
 * g.relate(Relation.of("alice", "works-on", "olympus"));
 * List<GraphPath> paths = g.paths("alice", "olympus", 3);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface EntityGraph {

  /**
   * Stores {@code entity}, replacing one with the same id (its relations stay).
   *
   * @throws NullPointerException if {@code entity} is null
   * @throws IllegalArgumentException if the id or type is blank
   * @throws LimitExceededException if the id or type is too long, or the properties too large
   */
  void put(Entity entity);

  /**
   * The entity with {@code id}.
   *
   * @throws NullPointerException if {@code id} is null
   */
  Optional<Entity> entity(String id);

  /**
   * The entities of {@code type}, by id.
   *
   * @throws NullPointerException if {@code type} is null
   */
  List<Entity> byType(String type);

  /**
   * Stores {@code relation}, replacing one with the same ends and type.
   *
   * @throws NullPointerException if {@code relation} is null
   * @throws IllegalArgumentException if an end is not a stored entity, or a field is blank
   * @throws LimitExceededException if a field is too long, or the properties too large
   */
  void relate(Relation relation);

  /**
   * The relations that start or end at {@code id}; when {@code relationType} is present, only those
   * of that type.
   *
   * @throws NullPointerException if an argument is null
   */
  List<Relation> neighbours(String id, Optional<String> relationType);

  /**
   * The paths from {@code from} to {@code to} of at most {@code maxDepth} relations, shortest
   * first, at most 100 of them. Only the lengths up to the one that completes the 100 are searched,
   * and only through entities from which {@code to} can still be reached, so a densely related
   * graph costs what its short paths cost; a search that would still have to follow more than
   * 100,000 partial paths (many paths of the same length that mostly do not reach {@code to}) is
   * refused.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code maxDepth} is not within [1, 16]
   * @throws LimitExceededException if more than 100,000 partial paths would have to be followed (a
   *     smaller {@code maxDepth} may succeed)
   */
  List<GraphPath> paths(String from, String to, int maxDepth);

  /**
   * Removes the entity and its relations; returns true if it existed.
   *
   * @throws NullPointerException if {@code id} is null
   */
  boolean remove(String id);
}
