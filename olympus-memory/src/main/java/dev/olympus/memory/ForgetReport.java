package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.util.Map;

/**
 * What {@link MemoryStore#forget} removed. Immutable.
 *
 * @param removed how many entries each layer removed: documents (a document counts once, however
 *     many chunks it had), facts, cache entries, checkpoints, and entities plus relations for the
 *     graph; for events, how many were redacted
 * @param tombstoneSeq the sequence number of the {@code memory.forget} tombstone event
 */
public record ForgetReport(Map<Layer, Integer> removed, long tombstoneSeq) {

  /**
   * Copies the map.
   *
   * @throws NullPointerException if the map is null
   */
  public ForgetReport {
    removed = Map.copyOf(Checks.notNull(removed, "removed"));
  }

  /** The total over every layer. */
  public int total() {
    return removed.values().stream().mapToInt(Integer::intValue).sum();
  }
}
