package dev.olympus.benchmarks.memory;

import dev.olympus.memory.ChunkerOptions;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.SqliteMemoryStore;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * A keyword (FTS5, BM25) query for the top 10 over 10,000 chunks of synthetic text drawn from a
 * 5,000-word vocabulary. Target: ≤ 5 ms.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=FtsQueryBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FtsQueryBenchmark {
  private MemoryStore store;
  private String[] queries;
  private int next;

  /** Ingests 1,000 documents of 10 chunks each. */
  @Setup(Level.Trial)
  public void open() {
    store = SqliteMemoryStore.builder().chunker(new ChunkerOptions(400, 0)).build();
    Random random = new Random(42);
    for (int d = 0; d < 1_000; d++) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < 10; c++) {
        StringBuilder chunk = new StringBuilder();
        while (chunk.length() < 380) {
          chunk.append(word(random)).append(' ');
        }
        text.append(chunk.toString().strip()).append("\n\n");
      }
      store.documents().ingest("doc-" + d, text.toString(), Map.of());
    }
    queries = new String[64];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = word(random) + " " + word(random) + " " + word(random);
    }
  }

  private static String word(Random random) {
    // Zipf-like: low numbers are frequent
    int n = (int) Math.min(4_999, Math.abs(random.nextGaussian()) * 800);
    return "w" + Integer.toString(n, 36);
  }

  /** Closes the store. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** One three-word query, top 10 with citations. */
  @Benchmark
  public List<SearchHit> search() {
    return store.documents().search(queries[next++ & 63], 10);
  }
}
