package dev.olympus.benchmarks.memory;

import dev.olympus.memory.EmbeddedDocument;
import dev.olympus.memory.MemoryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Bulk ingest of precomputed 384-dimension vectors under the host's ids ({@code
 * documents().ingestEmbedded}), 1,000 documents per transaction, into a SQLite file whose vector
 * index is loaded (so each batch also lands in memory). Every invocation adds new ids; the score is
 * documents per second. Target: ≥ 50,000.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=VectorIngestBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VectorIngestBenchmark {
  private static final int BATCH = 1_000;

  private StoreFolder folder;
  private MemoryStore store;
  private float[][] vectors;
  private long next;

  /** Opens a fresh store and draws the vectors. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    folder = new StoreFolder("ingest.db");
    store = folder.store();
    Random random = new Random(11);
    vectors = new float[BATCH][];
    for (int i = 0; i < BATCH; i++) {
      vectors[i] = VectorTopKBenchmark.randomUnit(random);
    }
    store.documents().nearest(vectors[0], 1, Map.of()); // loads the (empty) index
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    folder.close();
  }

  /** 1,000 new documents with their vectors in one transaction. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void ingestBatch() {
    List<EmbeddedDocument> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long id = next++;
      batch.add(
          new EmbeddedDocument(
              "doc-" + id, "text of document " + id, Map.of("shard", "s" + (id & 7)), vectors[i]));
    }
    store.documents().ingestEmbedded(batch);
  }
}
