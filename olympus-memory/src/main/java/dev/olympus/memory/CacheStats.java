package dev.olympus.memory;

/**
 * Cache counters since the store was opened. Immutable.
 *
 * @param hits lookups answered by the in-process level
 * @param diskHits lookups answered by the SQLite level
 * @param misses lookups that found no live entry
 * @param evictions entries removed to respect the size bound
 */
public record CacheStats(long hits, long diskHits, long misses, long evictions) {

  /** All lookups that found a live entry. */
  public long totalHits() {
    return hits + diskHits;
  }

  /** The share of lookups that found a live entry, 0 when there were none. */
  public double hitRate() {
    long total = totalHits() + misses;
    return total == 0 ? 0 : (double) totalHits() / total;
  }
}
