package dev.olympus.memory.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.olympus.memory.CacheEntry;
import dev.olympus.memory.CacheStats;
import dev.olympus.memory.MemoryCache;
import dev.olympus.memory.internal.CanonicalJson;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caffeine (L1) in front of the {@code cache} table (L2). Writes to one key go through the L1 map's
 * atomic {@code compute}, and L2 loads through {@code computeIfAbsent}, so a load can never put
 * back a value that a concurrent write or invalidation removed. Expiry is checked against the
 * store's clock on every read, at both levels.
 */
public final class TieredCache implements MemoryCache {
  private final Database db;
  private final Inputs inputs;
  private final Clock clock;
  private final Cache<String, CacheEntry> l1;
  private final ConcurrentMap<String, CacheEntry> l1Map;
  private final LongAdder hits = new LongAdder();
  private final LongAdder diskHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  public TieredCache(Database db, Inputs inputs, Clock clock) {
    this.db = db;
    this.inputs = inputs;
    this.clock = clock;
    this.l1 = Caffeine.newBuilder().maximumSize(inputs.limits().maxCacheEntries()).build();
    this.l1Map = l1.asMap();
  }

  @Override
  public Optional<CacheEntry> get(String key) {
    Checks.notNull(key, "key");
    Instant now = clock.instant();
    CacheEntry entry = l1.getIfPresent(key);
    if (entry != null) {
      if (!entry.expiredAt(now)) {
        hits.increment();
        return Optional.of(entry);
      }
      l1Map.remove(key, entry);
    }
    entry = l1Map.computeIfAbsent(key, k -> load(k, now));
    if (entry == null || entry.expiredAt(now)) {
      misses.increment();
      return Optional.empty();
    }
    diskHits.increment();
    return Optional.of(entry);
  }

  private CacheEntry load(String key, Instant now) {
    return db.read(
            "reading the cache",
            s ->
                s.first(
                    "SELECT key, value, created_ms, expires_ms, metadata, "
                        + db.dialect().jsonArrayOf("tag", "cache_tags t WHERE t.key = c.key")
                        + " FROM cache c WHERE key = ? AND expires_ms > ?",
                    TieredCache::entry,
                    key,
                    now.toEpochMilli()))
        .orElse(null);
  }

  private static CacheEntry entry(ResultSet rs) throws SQLException {
    return new CacheEntry(
        rs.getString(1),
        rs.getString(2),
        Instant.ofEpochMilli(rs.getLong(3)),
        Instant.ofEpochMilli(rs.getLong(4)),
        Set.copyOf(CanonicalJson.readList(rs.getString(6))),
        CanonicalJson.readMap(rs.getString(5)));
  }

  @Override
  public CacheEntry put(
      String key, String value, Duration ttl, Set<String> tags, Map<String, String> metadata) {
    CacheEntry entry = entry(key, value, ttl, tags, metadata);
    String meta = inputs.value(CanonicalJson.writeMap(entry.metadata()), "cache metadata");
    List<String> evicted = new ArrayList<>();
    l1Map.compute(
        key,
        (k, old) -> {
          evicted.addAll(db.write("writing the cache", s -> store(s, entry, meta)));
          return entry;
        });
    evicted.remove(key);
    l1.invalidateAll(evicted);
    return entry;
  }

  private CacheEntry entry(
      String key, String value, Duration ttl, Set<String> tags, Map<String, String> metadata) {
    inputs.id(key, "key");
    inputs.value(value, "cache value");
    Checks.notNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive but was " + ttl);
    }
    Checks.noNulls(tags, "tags").forEach(t -> inputs.id(t, "tag"));
    Checks.notNull(metadata, "metadata");
    // Whole milliseconds, as the disk level keeps them, so that both levels (and every store on the
    // database) agree on the entry; the expiry rounded up, so any positive ttl is honoured.
    Instant now = clock.instant();
    Instant expires;
    try {
      Instant exact = now.plus(ttl);
      Instant down = exact.truncatedTo(ChronoUnit.MILLIS);
      expires = down.equals(exact) ? down : down.plusMillis(1);
      Inputs.millis(expires, "expiry");
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("ttl " + ttl + " is too long");
    }
    return new CacheEntry(key, value, now.truncatedTo(ChronoUnit.MILLIS), expires, tags, metadata);
  }

  private List<String> store(Session s, CacheEntry e, String metadata) throws SQLException {
    s.update("DELETE FROM cache WHERE key = ?", e.key()); // its tags go with it (cascade)
    s.update(
        "INSERT INTO cache(key, value, created_ms, expires_ms, metadata) VALUES (?, ?, ?, ?, ?)",
        e.key(),
        e.value(),
        e.createdAt().toEpochMilli(),
        e.expiresAt().toEpochMilli(),
        metadata);
    for (String tag : e.tags()) {
      s.update("INSERT INTO cache_tags(key, tag) VALUES (?, ?)", e.key(), tag);
    }
    return evictBeyondBound(s);
  }

  private List<String> evictBeyondBound(Session s) throws SQLException {
    long excess =
        s.first("SELECT count(*) FROM cache", rs -> rs.getLong(1)).orElse(0L)
            - inputs.limits().maxCacheEntries();
    if (excess <= 0) {
      return List.of();
    }
    List<String> keys =
        s.query(
            "SELECT key FROM cache ORDER BY expires_ms, created_ms LIMIT ?",
            rs -> rs.getString(1),
            excess);
    deleteKeys(s, keys);
    evictions.add(keys.size());
    return keys;
  }

  static void deleteKeys(Session s, Collection<String> keys) throws SQLException {
    for (String key : keys) {
      s.update("DELETE FROM cache WHERE key = ?", key);
    }
  }

  @Override
  public boolean invalidate(String key) {
    Checks.notNull(key, "key");
    long now = clock.millis();
    boolean[] live = new boolean[1];
    l1Map.compute(
        key,
        (k, old) -> {
          live[0] =
              db.write(
                  "invalidating a cache entry",
                  s ->
                      s.update("DELETE FROM cache WHERE key = ? AND expires_ms > ?", k, now)
                              + s.update("DELETE FROM cache WHERE key = ?", k)
                          > 0);
          return null;
        });
    return live[0];
  }

  @Override
  public int invalidateTag(String tag) {
    Checks.notNull(tag, "tag");
    List<String> keys = db.write("invalidating a cache tag", s -> forget(s, tag));
    l1.invalidateAll(keys);
    return keys.size();
  }

  /** Deletes the entries keyed or tagged {@code subject} from L2; returns their keys. */
  public static List<String> forget(Session s, String subject) throws SQLException {
    Set<String> keys =
        new HashSet<>(
            s.query(
                "SELECT key FROM cache_tags WHERE tag = ? UNION SELECT key FROM cache WHERE key = ?",
                rs -> rs.getString(1),
                subject,
                subject));
    deleteKeys(s, keys);
    return List.copyOf(keys);
  }

  /** Deletes the expired entries and those created before the cutoff; returns their keys. */
  public static List<String> prune(Session s, long nowMillis, long createdBeforeMillis)
      throws SQLException {
    List<String> keys =
        s.query(
            "SELECT key FROM cache WHERE expires_ms <= ? OR created_ms < ?",
            rs -> rs.getString(1),
            nowMillis,
            createdBeforeMillis);
    deleteKeys(s, keys);
    return keys;
  }

  /** Drops {@code keys} from L1 after they were deleted from L2. */
  public void dropFromMemory(Collection<String> keys) {
    l1.invalidateAll(keys);
  }

  @Override
  public void clear() {
    db.write("clearing the cache", s -> s.update("DELETE FROM cache"));
    l1.invalidateAll();
  }

  @Override
  public CacheStats stats() {
    return new CacheStats(hits.sum(), diskHits.sum(), misses.sum(), evictions.sum());
  }
}
