package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.List;

/**
 * A path through the entity graph, following relations in their direction. Immutable.
 *
 * @param entityIds the entities visited, from the start to the end; no entity appears twice
 * @param relationTypes the type of each relation followed, one fewer than the entities
 */
public record GraphPath(List<String> entityIds, List<String> relationTypes) {

  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument is null or contains null
   * @throws IllegalArgumentException if the sizes do not fit
   */
  public GraphPath {
    entityIds = List.copyOf(Checks.notNull(entityIds, "entityIds"));
    relationTypes = List.copyOf(Checks.notNull(relationTypes, "relationTypes"));
    Checks.argument(
        entityIds.size() == relationTypes.size() + 1, "a path has one more entity than relations");
  }

  /** The number of relations followed. */
  public int length() {
    return relationTypes.size();
  }
}
