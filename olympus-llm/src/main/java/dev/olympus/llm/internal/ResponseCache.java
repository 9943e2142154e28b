package dev.olympus.llm.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.olympus.llm.ChatResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers to deterministic requests, keyed by {@link RequestHash}, kept for a TTL in a bounded
 * Caffeine cache whose clock is the router's. Thread-safe.
 */
final class ResponseCache {
  private final Cache<String, ChatResponse> entries;

  ResponseCache(Duration ttl, long maxEntries, Clock clock) {
    this.entries =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(maxEntries)
            .ticker(() -> clock.millis() * 1_000_000L)
            .build();
  }

  Optional<ChatResponse> get(String key) {
    return Optional.ofNullable(entries.getIfPresent(key));
  }

  void put(String key, ChatResponse response) {
    entries.put(key, response);
  }
}
