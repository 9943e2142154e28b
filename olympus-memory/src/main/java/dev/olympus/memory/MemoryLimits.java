package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;

/**
 * Size limits that protect the store from oversized input; exceeding one throws {@link
 * LimitExceededException} naming the limit. Immutable.
 *
 * @param maxIdLength the longest id, key, subject or tag, in characters
 * @param maxValueBytes the largest event, snapshot, cache value or fact value, in UTF-8 bytes
 * @param maxDocumentChars the longest document text
 * @param maxBatchSize the most items in one batch call
 * @param maxCacheEntries the most entries the cache keeps
 */
public record MemoryLimits(
    int maxIdLength,
    int maxValueBytes,
    int maxDocumentChars,
    int maxBatchSize,
    long maxCacheEntries) {

  /**
   * Checks that every limit is positive.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public MemoryLimits {
    Checks.positive(maxIdLength, "maxIdLength");
    Checks.positive(maxValueBytes, "maxValueBytes");
    Checks.positive(maxDocumentChars, "maxDocumentChars");
    Checks.positive(maxBatchSize, "maxBatchSize");
    Checks.positive(maxCacheEntries, "maxCacheEntries");
  }

  /**
   * Ids up to 512 characters, values up to 4 MiB, documents up to 20M characters, batches up to
   * 100,000 items, 10,000 cache entries.
   */
  public static MemoryLimits defaults() {
    return new MemoryLimits(512, 4 << 20, 20_000_000, 100_000, 10_000);
  }
}
