package dev.olympus.memory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A persistent key-value cache with a time to live: an in-process cache in front of a SQLite table,
 * so hot entries cost a hash lookup and every entry survives a restart. An entry is never returned
 * once its expiry (measured on the store's clock) has passed. Tags let a caller invalidate a group
 * at once (all answers citing one document, say). Both levels hold at most {@link
 * MemoryLimits#maxCacheEntries()} entries; beyond that the entries closest to expiry go first.
 *
 * <pre>{@code
 * MemoryCache cache = memory.cache();
 * cache.put(key, responseJson, Duration.ofHours(1), Set.of("model:llama3.2"), Map.of());
 * Optional<CacheEntry> hit = cache.get(key);
 * cache.invalidateTag("model:llama3.2");
 * }</pre>
 *
 * <p>The in-process level belongs to one store: an entry it holds is served from memory until it
 * expires or is evicted, even after another store or process on the same database invalidated,
 * replaced or forgot it (this store's own {@link #invalidate}, {@link #invalidateTag}, {@link
 * #clear} and {@link MemoryStore#forget} take effect at once). Where several processes share a
 * database and one may invalidate what another serves, keep the time to live short.
 *
 * <p>Thread-safe.
 */
public interface MemoryCache {

  /**
   * The live entry for {@code key}, if any.
   *
   * @throws NullPointerException if {@code key} is null
   */
  Optional<CacheEntry> get(String key);

  /**
   * Stores {@code value} under {@code key} for {@code ttl}, replacing any previous entry. The
   * entry's times are whole milliseconds, as stored: its creation the store's clock truncated, its
   * expiry the clock plus {@code ttl} rounded up.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the key or a tag is blank, or {@code ttl} is not positive
   *     or too long
   * @throws LimitExceededException if the key or a tag is too long, or the value too large
   */
  CacheEntry put(
      String key, String value, Duration ttl, Set<String> tags, Map<String, String> metadata);

  /**
   * Stores {@code value} under {@code key} for {@code ttl}, without tags or metadata.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link #put(String, String, Duration, Set, Map)}
   * @throws LimitExceededException as {@link #put(String, String, Duration, Set, Map)}
   */
  default CacheEntry put(String key, String value, Duration ttl) {
    return put(key, value, ttl, Set.of(), Map.of());
  }

  /**
   * Removes the entry for {@code key}; returns true if there was a live one.
   *
   * @throws NullPointerException if {@code key} is null
   */
  boolean invalidate(String key);

  /**
   * Removes every entry tagged {@code tag}; returns how many.
   *
   * @throws NullPointerException if {@code tag} is null
   */
  int invalidateTag(String tag);

  /** Removes every entry. */
  void clear();

  /** Hit and miss counts since the store was opened. */
  CacheStats stats();
}
