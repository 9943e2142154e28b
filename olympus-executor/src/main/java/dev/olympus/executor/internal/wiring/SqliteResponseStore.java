package dev.olympus.executor.internal.wiring;

import dev.olympus.executor.internal.Checks;
import dev.olympus.llm.spi.ResponseStore;
import dev.olympus.memory.CacheEntry;
import dev.olympus.memory.MemoryCache;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The router's cached answers in the memory store's persistent cache (SQLite), under keys that
 * start {@code llm.response.} and with the tag {@code llm} (so {@code invalidateTag("llm")} forgets
 * them all). Thread-safe.
 */
public final class SqliteResponseStore implements ResponseStore {
  private static final String PREFIX = "llm.response.";

  private final MemoryCache cache;

  /** A store in {@code cache}. */
  public SqliteResponseStore(MemoryCache cache) {
    this.cache = Checks.notNull(cache, "cache");
  }

  @Override
  public Optional<String> get(String key) {
    return cache.get(PREFIX + Checks.notNull(key, "key")).map(CacheEntry::value);
  }

  @Override
  public void put(String key, String response, Duration ttl) {
    Checks.notNull(key, "key");
    cache.put(PREFIX + key, response, ttl, Set.of("llm"), Map.of());
  }
}
