package dev.olympus.llm.internal.route;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.spi.ResponseStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers to deterministic requests, keyed by {@link RequestHash}: a bounded Caffeine cache on the
 * router's clock (L1) and, when the host gives a {@link ResponseStore}, that store (L2), so that
 * answers survive restarts. L2 problems are logged and treated as misses. Thread-safe.
 */
final class ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

  private final Cache<String, ChatResponse> entries;
  private final Optional<ResponseStore> persistent;
  private final Duration ttl;

  ResponseCache(Duration ttl, long maxEntries, Clock clock, Optional<ResponseStore> persistent) {
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
      Optional<ChatResponse> stored = persistent.get().get(key).map(ResponseCodec::read);
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

  private void store(ResponseStore store, String key, ChatResponse response) {
    try {
      store.put(key, ResponseCodec.write(response), ttl);
    } catch (RuntimeException e) {
      LOG.warn("the persistent response cache failed to store an answer", e);
    }
  }
}
