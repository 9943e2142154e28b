package dev.olympus.benchmarks.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.olympus.memory.CacheEntry;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cache hit in the in-process level (expiry checked on the clock, stats counted), against a bare
 * Caffeine lookup. Target: ≤ 1 µs.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=CacheHitBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheHitBenchmark {
  private MemoryStore store;
  private Cache<String, String> bare;

  /** Stores 1,000 entries and reads each once so they are in the in-process level. */
  @Setup(Level.Trial)
  public void open() {
    store = SqliteMemoryStore.inMemory();
    bare = Caffeine.newBuilder().maximumSize(10_000).build();
    for (int i = 0; i < 1_000; i++) {
      store.cache().put("key-" + i, "value " + i, Duration.ofHours(1));
      store.cache().get("key-" + i);
      bare.put("key-" + i, "value " + i);
    }
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** A hit through {@code MemoryCache.get}. */
  @Benchmark
  public Optional<CacheEntry> storeHit() {
    return store.cache().get("key-500");
  }

  /** A hit in a bare Caffeine cache. */
  @Benchmark
  public String caffeineHit() {
    return bare.getIfPresent("key-500");
  }
}
