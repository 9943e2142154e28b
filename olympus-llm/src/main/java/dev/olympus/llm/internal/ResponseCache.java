package dev.olympus.llm.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.olympus.llm.ChatResponse;
import dev.olympus.memory.MemoryCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers to deterministic requests, keyed by {@link RequestHash}: a bounded Caffeine cache on the
 * router's clock (L1) and, when the host gives a memory store, its persistent cache (L2), so that
 * answers survive restarts. L2 problems are logged and treated as misses. Thread-safe.
 */
final class ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);
  private static final String PREFIX = "llm.response.";

  private final Cache<String, ChatResponse> entries;
  private final Optional<MemoryCache> persistent;
  private final Duration ttl;

  ResponseCache(Duration ttl, long maxEntries, Clock clock, Optional<MemoryCache> persistent) {
    this.ttl = ttl;
    this.persistent = persistent;
    this.entries =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(maxEntries)
            .ticker(() -> clock.millis() * 1_000_000L)
            .build();
  }

  Optional<ChatResponse> get(String key) {
    ChatResponse hit = entries.getIfPresent(key);
    if (hit != null || persistent.isEmpty()) {
      return Optional.ofNullable(hit);
    }
    try {
      Optional<ChatResponse> stored =
          persistent.get().get(PREFIX + key).map(entry -> ResponseCodec.read(entry.value()));
      stored.ifPresent(response -> entries.put(key, response));
      return stored;
    } catch (RuntimeException e) {
      LOG.warn("the persistent response cache failed to read; treated as a miss", e);
      return Optional.empty();
    }
  }

  void put(String key, ChatResponse response) {
    entries.put(key, response);
    persistent.ifPresent(store -> store(store, key, response));
  }

  private void store(MemoryCache store, String key, ChatResponse response) {
    try {
      store.put(
          PREFIX + key,
          ResponseCodec.write(response),
          ttl,
          Set.of("llm", "llm.model:" + response.model()),
          Map.of("provider", response.provider(), "model", response.model()));
    } catch (RuntimeException e) {
      LOG.warn("the persistent response cache failed to store an answer", e);
    }
  }
}
