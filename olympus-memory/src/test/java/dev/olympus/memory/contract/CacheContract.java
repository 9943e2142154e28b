package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.olympus.memory.CacheEntry;
import dev.olympus.memory.CacheStats;
import dev.olympus.memory.Layer;
import dev.olympus.memory.MemoryCache;
import dev.olympus.memory.MemoryLimits;
import dev.olympus.memory.MemoryStore;
import dev.olympus.testing.SettableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Part of the MemoryStore contract; see {@link StoreContract}. */
public abstract class CacheContract extends StoreContract {

  @Test
  void getPutInvalidateTagsAndStats() {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    try (MemoryStore store = options().clock(clock).build()) {
      MemoryCache cache = store.cache();
      CacheEntry put =
          cache.put("k1", "v1", Duration.ofMinutes(5), Set.of("model:a"), Map.of("tokens", "12"));
      cache.put("k2", "v2", Duration.ofMinutes(5), Set.of("model:a", "doc:x"), Map.of());
      cache.put("k3", "v3", Duration.ofMinutes(5));
      assertEquals(Optional.of(put), cache.get("k1"));
      assertEquals(Optional.empty(), cache.get("nope"));
      assertEquals(2, cache.invalidateTag("model:a"));
      assertEquals(Optional.empty(), cache.get("k2"));
      assertTrue(cache.invalidate("k3"));
      assertFalse(cache.invalidate("k3"));
      CacheStats stats = cache.stats();
      assertEquals(1, stats.hits());
      assertEquals(2, stats.misses());
      assertThrows(IllegalArgumentException.class, () -> cache.put("k", "v", Duration.ZERO));
    }
  }

  @Test
  void entriesSurviveReopenThroughTheDiskLevelUntilTheyExpire() {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    try (MemoryStore store = options().clock(clock).build()) {
      store.cache().put("k", "v", Duration.ofMinutes(1), Set.of("t"), Map.of("m", "1"));
    }
    try (MemoryStore store = options().clock(clock).build()) {
      CacheEntry entry = store.cache().get("k").orElseThrow();
      assertEquals(Set.of("t"), entry.tags());
      assertEquals(Map.of("m", "1"), entry.metadata());
      assertEquals(1, store.cache().stats().diskHits());
      store.cache().get("k");
      assertEquals(1, store.cache().stats().hits());
      clock.advance(Duration.ofMinutes(1));
      assertEquals(Optional.empty(), store.cache().get("k"));
      assertEquals(1, store.prune(clock.instant()).removed(Layer.CACHE));
    }
  }

  // The database keeps milliseconds; a clock with finer ticks made the in-process level keep an
  // entry up to a millisecond longer than the disk level, so two stores on one database disagreed
  // about it, and the entry read back from disk differed from the one put.
  @Test
  void storesOnOneDatabaseAgreeOnAnEntryAtEveryInstant() {
    SettableClock clock = SettableClock.at(Fixtures.T0.plusNanos(300_000));
    try (MemoryStore writer = options().clock(clock).build();
        MemoryStore reader = options().clock(clock).build()) {
      CacheEntry put = writer.cache().put("k", "v", Duration.ofNanos(1_000_000));

      assertEquals(Optional.of(put), reader.cache().get("k"));
      for (int micros = 300; micros <= 2_500; micros += 100) {
        clock.set(Fixtures.T0.plusNanos(micros * 1_000L));
        assertEquals(
            writer.cache().get("k").isPresent(),
            reader.cache().get("k").isPresent(),
            () -> clock.instant().toString());
      }
      assertFalse(put.expiresAt().isBefore(Fixtures.T0.plusNanos(1_300_000)), put::toString);
    }
  }

  @Test
  void sizeBoundEvictsTheEntriesClosestToExpiry() {
    try (MemoryStore store =
        options().limits(new MemoryLimits(512, 1 << 20, 1000, 100, 3)).build()) {
      for (int i = 1; i <= 5; i++) {
        store.cache().put("k" + i, "v", Duration.ofMinutes(i));
      }
      assertEquals(Optional.empty(), store.cache().get("k1"));
      assertEquals(Optional.empty(), store.cache().get("k2"));
      assertTrue(store.cache().get("k5").isPresent());
      assertEquals(2, store.cache().stats().evictions());
    }
  }

  @Test
  void neverReturnsAnExpiredEntry() {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    try (MemoryStore store = options().clock(clock).build()) {
      MemoryCache cache = store.cache();
      // each step: key (0-4), ttl in seconds (1-5), then advance the clock 0-5 seconds
      qt().withExamples(60)
          .forAll(lists().of(integers().between(0, 149)).ofSizeBetween(1, 20))
          .checkAssert(
              steps -> {
                for (int step : steps) {
                  String key = "k" + step % 5;
                  cache.put(key, "v" + step, Duration.ofSeconds(step / 5 % 5 + 1));
                  clock.advance(Duration.ofSeconds(step / 25));
                  for (int k = 0; k < 5; k++) {
                    cache
                        .get("k" + k)
                        .ifPresent(e -> assertTrue(clock.instant().isBefore(e.expiresAt())));
                  }
                }
              });
    }
  }
}
