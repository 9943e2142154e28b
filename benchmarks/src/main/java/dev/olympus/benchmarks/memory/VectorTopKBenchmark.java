package dev.olympus.benchmarks.memory;

import dev.olympus.memory.internal.documents.VectorIndex;
import java.util.Arrays;
import java.util.List;
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

/**
 * Exact cosine top-10 over 100,000 vectors of 384 dimensions: the store's contiguous index with a
 * bounded heap, against the naive alternative (an array of vectors, score all, sort all). Target: ≤
 * 15 ms.
 *
 * <p>Run: {@code mvn -B -ntp -DskipTests install && mvn -B -ntp -pl benchmarks exec:exec
 * -Djmh.include=VectorTopKBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VectorTopKBenchmark {
  private static final int ROWS = 100_000;
  private static final int DIMS = 384;

  private VectorIndex index;
  private float[][] naive;
  private float[] query;

  /** Fills both indexes with the same random unit vectors. */
  @Setup(Level.Trial)
  public void fill() {
    Random random = new Random(7);
    index = new VectorIndex(DIMS);
    naive = new float[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      float[] v = randomUnit(random);
      naive[i] = v;
      index.put(i, "source-" + (i % 100), v);
    }
    query = randomUnit(random);
  }

  private static float[] randomUnit(Random random) {
    float[] v = new float[DIMS];
    double norm = 0;
    for (int d = 0; d < DIMS; d++) {
      v[d] = (float) random.nextGaussian();
      norm += v[d] * v[d];
    }
    for (int d = 0; d < DIMS; d++) {
      v[d] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  /** The store's index. */
  @Benchmark
  public List<VectorIndex.Scored> indexTop10() {
    return index.top(query, 10, null);
  }

  /** The naive alternative: score every row, sort every score. */
  @Benchmark
  public long[] naiveSortTop10() {
    long[] packed = new long[ROWS];
    for (int i = 0; i < ROWS; i++) {
      float dot = 0;
      for (int d = 0; d < DIMS; d++) {
        dot += naive[i][d] * query[d];
      }
      // sortable: float bits of (1 - dot) in the high word, row in the low word
      packed[i] = ((long) Float.floatToIntBits(1 - dot) << 32) | i;
    }
    Arrays.sort(packed);
    return Arrays.copyOf(packed, 10);
  }
}
