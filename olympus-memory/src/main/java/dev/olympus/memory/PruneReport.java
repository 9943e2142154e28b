package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.Map;

/**
 * What {@link MemoryStore#prune} removed. Immutable.
 *
 * @param removed how many entries each layer removed: events, documents (a document counts once,
 *     however many chunks it had), facts, cache entries, checkpoints, and entities plus relations
 *     for the graph
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

  /** How many entries {@code layer} removed; 0 for a layer the report does not list. */
  public int removed(Layer layer) {
    return removed.getOrDefault(layer, 0);
  }
}
