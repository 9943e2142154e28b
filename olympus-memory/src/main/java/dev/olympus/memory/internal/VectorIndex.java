package dev.olympus.memory.internal;

import dev.olympus.memory.MemoryException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Exact cosine search over unit vectors held column by column: one contiguous {@code float[]} per
 * dimension, indexed by row. A query walks the rows in chunks; for each dimension it adds {@code
 * q[d] * column[d][row]} into a per-row accumulator, a loop the JIT compiles to SIMD instructions
 * (the accumulator and the column share the row index), so each row's dot product is summed in
 * dimension order, exactly as a plain loop would. The best {@code k} rows are kept in a bounded
 * min-heap; above 20,000 rows the scan is split across the available processors (the common
 * fork-join pool) and the heaps are merged. Thread-safe: queries share a read lock, changes take
 * the write lock.
 */
public final class VectorIndex {
  /** A row id with its cosine similarity to the query. */
  public record Scored(long id, float score) {}

  // Below this many rows a query scans on the calling thread only.
  private static final int PARALLEL_ROWS = 20_000;
  // Rows scored together: long enough that the SIMD loop's set-up cost vanishes.
  private static final int CHUNK_ROWS = 32_768;

  private final java.util.concurrent.locks.ReentrantReadWriteLock lock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final Map<Long, Integer> rowOf = new HashMap<>();
  private int dimensions;
  private float[][] columns = new float[0][];
  private long[] ids = new long[0];
  private String[] groups = new String[0];
  private int size;

  /** An empty index whose dimension is set by the first vector (or {@code dimensions} if > 0). */
  public VectorIndex(int dimensions) {
    this.dimensions = dimensions;
  }

  /** The vectors' length, 0 while unknown. */
  public int dimensions() {
    lock.readLock().lock();
    try {
      return dimensions;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The number of vectors. */
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Checks that {@code vector} has the index's length.
   *
   * @throws MemoryException.DimensionMismatch if it does not
   */
  public void checkDimensions(float[] vector, String what) {
    int expected = dimensions();
    if (expected != 0 && vector.length != expected) {
      throw new MemoryException.DimensionMismatch(what, expected, vector.length);
    }
  }

  /** Adds or replaces the vector of {@code id}, which belongs to {@code group} (its source). */
  public void put(long id, String group, float[] vector) {
    lock.writeLock().lock();
    try {
      if (columns.length == 0) {
        dimensions = dimensions == 0 ? vector.length : dimensions;
        columns = new float[dimensions][ids.length];
      }
      if (vector.length != dimensions) {
        throw new MemoryException.DimensionMismatch("vector " + id, dimensions, vector.length);
      }
      Integer row = rowOf.get(id);
      if (row == null) {
        row = size++;
        grow(size);
        rowOf.put(id, row);
      }
      ids[row] = id;
      groups[row] = group;
      float scale = inverseNorm(vector);
      for (int d = 0; d < dimensions; d++) {
        columns[d][row] = vector[d] * scale;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes the vector of {@code id}, if any, moving the last row into its place. */
  public void remove(long id) {
    lock.writeLock().lock();
    try {
      Integer row = rowOf.remove(id);
      if (row == null) {
        return;
      }
      int last = --size;
      if (row != last) {
        for (float[] column : columns) {
          column[row] = column[last];
        }
        ids[row] = ids[last];
        groups[row] = groups[last];
        rowOf.put(ids[row], row);
      }
      groups[last] = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void grow(int rows) {
    if (ids.length >= rows) {
      return;
    }
    int capacity = Math.max(16, Math.max(rows, ids.length + (ids.length >> 1)));
    for (int d = 0; d < columns.length; d++) {
      columns[d] = Arrays.copyOf(columns[d], capacity);
    }
    ids = Arrays.copyOf(ids, capacity);
    groups = Arrays.copyOf(groups, capacity);
  }

  /**
   * The {@code k} rows most similar to {@code query} among those whose group {@code accept}s (all
   * when null), best first; equal scores are ordered by row.
   *
   * @throws MemoryException.DimensionMismatch if the query has the wrong length
   */
  public List<Scored> top(float[] query, int k, Predicate<String> accept) {
    lock.readLock().lock();
    try {
      if (size == 0) {
        return List.of();
      }
      checkLength(query);
      float scale = inverseNorm(query);
      float[] q = new float[dimensions];
      for (int d = 0; d < dimensions; d++) {
        q[d] = query[d] * scale;
      }
      int parts = size < PARALLEL_ROWS ? 1 : Runtime.getRuntime().availableProcessors();
      int k2 = Math.min(k, size);
      int step = (size + parts - 1) / parts;
      TopK top =
          java.util.stream.IntStream.range(0, parts)
              .parallel()
              .mapToObj(p -> scan(q, k2, accept, p * step, Math.min(size, (p + 1) * step)))
              .reduce(TopK::merge)
              .orElseThrow();
      return top.bestFirst(ids);
    } finally {
      lock.readLock().unlock();
    }
  }

  // Scans rows [from, to) into a heap of its own; the parts are merged afterwards.
  private TopK scan(float[] q, int k, Predicate<String> accept, int from, int to) {
    TopK top = new TopK(k);
    float[] scores = new float[to]; // indexed by row, like the columns
    boolean[] accepted = accept == null ? null : new boolean[Math.min(CHUNK_ROWS, to - from)];
    for (int start = from; start < to; start += CHUNK_ROWS) {
      int end = Math.min(to, start + CHUNK_ROWS);
      if (accepted != null && !accept(accept, start, end, accepted)) {
        continue;
      }
      for (int d = 0; d < dimensions; d++) {
        addScaled(scores, columns[d], q[d], start, end);
      }
      for (int row = start; row < end; row++) {
        if (accepted == null || accepted[row - start]) {
          top.offer(row, scores[row]);
        }
      }
    }
    return top;
  }

  // Marks the rows of [start, end) whose group is accepted; false if there is none.
  private boolean accept(Predicate<String> accept, int start, int end, boolean[] accepted) {
    boolean any = false;
    for (int row = start; row < end; row++) {
      accepted[row - start] = accept.test(groups[row]);
      any |= accepted[row - start];
    }
    return any;
  }

  // scores[row] += factor * column[row]: one index for both arrays, so C2 vectorizes it.
  static void addScaled(float[] scores, float[] column, float factor, int start, int end) {
    for (int row = start; row < end; row++) {
      scores[row] += factor * column[row];
    }
  }

  private void checkLength(float[] query) {
    if (query.length != dimensions) {
      throw new MemoryException.DimensionMismatch("query vector", dimensions, query.length);
    }
  }

  private static float inverseNorm(float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += (double) v * v;
    }
    return norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
  }

  /** A bounded min-heap of (score, row): the root is the worst of the best k so far. */
  private static final class TopK {
    private final int[] rows;
    private final float[] scores;
    private int size;

    TopK(int k) {
      rows = new int[k];
      scores = new float[k];
    }

    void offer(int row, float score) {
      if (size < rows.length) {
        rows[size] = row;
        scores[size] = score;
        siftUp(size++);
      } else if (worse(scores[0], rows[0], score, row)) {
        rows[0] = row;
        scores[0] = score;
        siftDown(0);
      }
    }

    // true if (s1, r1) ranks below (s2, r2): lower score, or equal score and a later row
    private static boolean worse(float s1, int r1, float s2, int r2) {
      return s1 < s2 || (s1 == s2 && r1 > r2);
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) / 2;
        if (!worse(scores[i], rows[i], scores[parent], rows[parent])) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int worst = i;
        for (int c = 2 * i + 1; c <= 2 * i + 2 && c < size; c++) {
          if (worse(scores[c], rows[c], scores[worst], rows[worst])) {
            worst = c;
          }
        }
        if (worst == i) {
          return;
        }
        swap(i, worst);
        i = worst;
      }
    }

    private void swap(int a, int b) {
      int r = rows[a];
      rows[a] = rows[b];
      rows[b] = r;
      float s = scores[a];
      scores[a] = scores[b];
      scores[b] = s;
    }

    TopK merge(TopK other) {
      for (int i = 0; i < other.size; i++) {
        offer(other.rows[i], other.scores[i]);
      }
      return this;
    }

    // Pops the heap (worst first) into the result from its end; empties the heap.
    List<Scored> bestFirst(long[] ids) {
      Scored[] best = new Scored[size];
      while (size > 0) {
        best[size - 1] = new Scored(ids[rows[0]], scores[0]);
        swap(0, --size);
        siftDown(0);
      }
      return List.of(best);
    }
  }
}
