package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.Map;

/**
 * What {@link MemoryStore#prune} removed. Immutable.
 *
 * @param removed how many rows each layer removed
 */
public record PruneReport(Map<Layer, Integer> removed) {

  /**
   * Copies the map.
   *
   * @throws NullPointerException if the map is null
   */
  public PruneReport {
    removed = Map.copyOf(Checks.notNull(removed, "removed"));
  }

  /** How many rows {@code layer} removed. */
  public int removed(Layer layer) {
    return removed.getOrDefault(layer, 0);
  }
}
