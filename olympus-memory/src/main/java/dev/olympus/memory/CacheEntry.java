package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A cached value with its lifetime, tags and metadata. Immutable.
 *
 * @param key the key
 * @param value the value
 * @param createdAt when it was stored
 * @param expiresAt when it stops being returned
 * @param tags labels for bulk invalidation
 * @param metadata free-form details (model, token counts, …)
 */
public record CacheEntry(
    String key,
    String value,
    Instant createdAt,
    Instant expiresAt,
    Set<String> tags,
    Map<String, String> metadata) {

  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument is null or contains null
   */
  public CacheEntry {
    Checks.notNull(key, "key");
    Checks.notNull(value, "value");
    Checks.notNull(createdAt, "createdAt");
    Checks.notNull(expiresAt, "expiresAt");
    tags = Set.copyOf(Checks.notNull(tags, "tags"));
    metadata = Map.copyOf(Checks.notNull(metadata, "metadata"));
  }

  /** Returns true if the entry is no longer valid at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
