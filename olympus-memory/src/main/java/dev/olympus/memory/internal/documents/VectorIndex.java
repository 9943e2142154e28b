package dev.olympus.memory.internal.documents;

import dev.olympus.memory.DimensionMismatchException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Cosine search over unit vectors held column by column: one contiguous {@code float[]} per
 * dimension, indexed by row. A query scores the rows chunk by chunk into one per-row array; for
 * each group of four dimensions it adds {@code q[d] * column[d][row]}, then the next three
 * products, to the row's running sum, in a loop the JIT compiles to SIMD instructions (the sums and
 * the columns share the row index), so each row's dot product is still summed in dimension order,
 * exactly as a plain loop would, while the sums are loaded and stored once per four dimensions
 * instead of once per dimension. The best {@code k} rows of each chunk are kept in a bounded
 * min-heap and the heaps are merged; from 20,000 rows the chunks are scored in parallel (the common
 * fork-join pool), and because there are many more chunks than processors an idle processor takes
 * over the chunks of one that is busy with other work. A large index first ranks its rows from an
 * int8 copy ({@link QuantizedColumns}) and scores exactly only the rows that copy cannot rule out
 * (see {@link #top}). Thread-safe: queries share a read lock, changes take the write lock.
 */
public final class VectorIndex {
  /** A row id with its cosine similarity to the query. */
  public record Scored(long id, float score) {}

  // Below this many rows a query scans on the calling thread only.
  private static final int PARALLEL_ROWS = 20_000;
  // Rows scored together: long enough that the SIMD loop's set-up cost vanishes, short enough that
  // their sums stay in the core's cache between groups of dimensions and that the chunks of a large
  // index outnumber the processors several times.
  private static final int CHUNK_ROWS = 8_192;
  // From this many rows a query takes the approximate pass first.
  private static final int QUANTIZED_ROWS = 20_000;
  // At most max(MIN_RESCORED, rows / RESCORED_PER) rows are rescored one by one (each costs a few
  // microseconds of scattered reads); beyond that the exact scan is cheaper.
  private static final int MIN_RESCORED = 256;
  private static final int RESCORED_PER = 128;

  private final java.util.concurrent.locks.ReentrantReadWriteLock lock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final Map<Long, Integer> rowOf = new HashMap<>();
  private int dimensions;
  private float[][] columns = new float[0][];
  private final QuantizedColumns quantized; // null: every query scans exactly
  private long[] ids = new long[0];
  private String[] groups = new String[0];
  private int size;

  /**
   * An empty index whose dimension is set by the first vector (or {@code dimensions} if > 0); with
   * {@code quantize}, it keeps the int8 copy that {@link #top} scans first in large indexes.
   */
  public VectorIndex(int dimensions, boolean quantize) {
    this.dimensions = dimensions;
    this.quantized = quantize ? new QuantizedColumns() : null;
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
   * @throws DimensionMismatchException if it does not
   */
  public void checkDimensions(float[] vector, String what) {
    int expected = dimensions();
    if (expected != 0 && vector.length != expected) {
      throw new DimensionMismatchException(what, expected, vector.length);
    }
  }

  /** Adds or replaces the vector of {@code id}, which belongs to {@code group} (its source). */
  public void put(long id, String group, float[] vector) {
    lock.writeLock().lock();
    try {
      if (columns.length == 0) {
        dimensions = dimensions == 0 ? vector.length : dimensions;
        allocate();
      }
      if (vector.length != dimensions) {
        throw new DimensionMismatchException("vector " + id, dimensions, vector.length);
      }
      Integer row = rowOf.get(id);
      if (row == null) {
        row = size++;
        grow(size);
        rowOf.put(id, row);
      }
      ids[row] = id;
      groups[row] = group;
      double scale = inverseNorm(vector);
      for (int d = 0; d < dimensions; d++) {
        columns[d][row] = unit(vector[d], scale);
      }
      if (quantized != null) {
        quantized.set(row, vector, scale);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Adds or replaces the vectors of {@code ids} (each of the source in {@code groups} at the same
   * position), writing the columns a block of dimensions at a time rather than a row across every
   * column at a time.
   *
   * @throws DimensionMismatchException if a vector has another length (nothing is changed)
   */
  public void putAll(List<Long> ids, List<String> groups, List<float[]> vectors) {
    lock.writeLock().lock();
    try {
      if (vectors.isEmpty()) {
        return;
      }
      int expected = dimensions == 0 ? vectors.get(0).length : dimensions;
      for (int i = 0; i < vectors.size(); i++) {
        if (vectors.get(i).length != expected) {
          throw new DimensionMismatchException(
              "vector " + ids.get(i), expected, vectors.get(i).length);
        }
      }
      if (columns.length == 0) {
        dimensions = expected;
        allocate();
      }
      int[] rows = rowsFor(ids, groups);
      double[] scales = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        scales[i] = inverseNorm(vectors.get(i));
      }
      // Transposed in blocks of 16 dimensions (one cache line of each vector): each vector's line
      // is read once while 16 columns are written row after row.
      for (int from = 0; from < dimensions; from += 16) {
        int to = Math.min(dimensions, from + 16);
        for (int i = 0; i < rows.length; i++) {
          float[] vector = vectors.get(i);
          for (int d = from; d < to; d++) {
            columns[d][rows[i]] = unit(vector[d], scales[i]);
          }
        }
      }
      for (int i = 0; quantized != null && i < rows.length; i++) {
        quantized.set(rows[i], vectors.get(i), scales[i]);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  // The row of each id (a new one at the end for an id not yet held), with its id and group set.
  private int[] rowsFor(List<Long> ids, List<String> groups) {
    int[] rows = new int[ids.size()];
    grow(size + ids.size());
    for (int i = 0; i < rows.length; i++) {
      long id = ids.get(i);
      Integer row = rowOf.get(id);
      if (row == null) {
        row = size++;
        rowOf.put(id, row);
      }
      rows[i] = row;
      this.ids[row] = id;
      this.groups[row] = groups.get(i);
    }
    return rows;
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
        if (quantized != null) {
          quantized.move(last, row);
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

  private void allocate() {
    columns = new float[dimensions][ids.length];
    if (quantized != null) {
      quantized.allocate(dimensions, ids.length);
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
    if (quantized != null) {
      quantized.grow(capacity);
    }
    ids = Arrays.copyOf(ids, capacity);
    groups = Arrays.copyOf(groups, capacity);
  }

  /**
   * The {@code k} rows most similar to {@code query} among those whose group {@code accept}s (all
   * when null), best first; equal scores are ordered by row. From 20,000 rows an index that
   * quantizes first scores every row approximately from its int8 copy ({@link QuantizedColumns}),
   * then scores exactly only the rows whose approximate score comes within twice the rounding
   * error's bound of the k-th best approximate score, so the result and its scores are those of
   * {@link #exactTop}; where that leaves too many rows (or the vectors are too long for a useful
   * rounding) it scans exactly.
   *
   * @throws DimensionMismatchException if the query has the wrong length
   */
  public List<Scored> top(float[] query, int k, Predicate<String> accept) {
    return search(query, k, accept, Pass.QUANTIZED_THEN_EXACT);
  }

  /**
   * The same as {@link #top}, always by scoring every row exactly.
   *
   * @throws DimensionMismatchException if the query has the wrong length
   */
  public List<Scored> exactTop(float[] query, int k, Predicate<String> accept) {
    return search(query, k, accept, Pass.EXACT);
  }

  /**
   * The result of the approximate pass and the exact scoring of the rows it keeps, at any size;
   * empty where that pass declines (too many rows to rescore, or vectors too long to round), where
   * {@link #top} scans exactly instead, and in an index that does not quantize.
   *
   * @throws DimensionMismatchException if the query has the wrong length
   */
  public Optional<List<Scored>> quantizedTop(float[] query, int k, Predicate<String> accept) {
    return Optional.ofNullable(search(query, k, accept, Pass.QUANTIZED));
  }

  private enum Pass {
    EXACT,
    QUANTIZED,
    QUANTIZED_THEN_EXACT
  }

  // The best k rows by the given pass; null where the quantized pass alone declines.
  private List<Scored> search(float[] query, int k, Predicate<String> accept, Pass pass) {
    lock.readLock().lock();
    try {
      if (size == 0) {
        return List.of();
      }
      checkLength(query);
      double scale = inverseNorm(query);
      float[] q = new float[dimensions];
      for (int d = 0; d < dimensions; d++) {
        q[d] = unit(query[d], scale);
      }
      int k2 = Math.min(k, size);
      boolean quick =
          quantized != null
              && (pass == Pass.QUANTIZED
                  || (pass == Pass.QUANTIZED_THEN_EXACT && size >= QUANTIZED_ROWS));
      TopK found = quick ? twoPasses(q, k2, accept) : null;
      if (found == null && pass != Pass.QUANTIZED) {
        found = scanAll(q, k2, accept);
      }
      return found == null ? null : found.bestFirst(ids);
    } finally {
      lock.readLock().unlock();
    }
  }

  private TopK scanAll(float[] q, int k, Predicate<String> accept) {
    float[] scores = new float[size]; // indexed by row, like the columns; chunks are disjoint
    return chunks()
        .mapToObj(c -> scan(q, k, accept, scores, c * CHUNK_ROWS))
        .reduce(TopK::merge)
        .orElseThrow();
  }

  // The indexes of the chunks of CHUNK_ROWS rows, in parallel for a large index.
  private IntStream chunks() {
    IntStream range = IntStream.range(0, (size + CHUNK_ROWS - 1) / CHUNK_ROWS);
    return size < PARALLEL_ROWS ? range : range.parallel();
  }

  // The best k rows, scored exactly among the rows the approximate pass cannot rule out; null if
  // that pass is not possible or rules out too few rows.
  private TopK twoPasses(float[] q, int k, Predicate<String> accept) {
    QuantizedColumns.Query rounded = quantized.query(q);
    if (rounded == null) {
      return null;
    }
    short[] sums = new short[size];
    TopK approximate =
        chunks()
            .mapToObj(c -> approximate(rounded.values(), k, accept, sums, c * CHUNK_ROWS))
            .reduce(TopK::merge)
            .orElseThrow();
    // A row of the exact top k scores exactly at least the k-th approximate score less one error,
    // so approximately at least that less two errors.
    // (Fewer than k accepted rows: each of them is a candidate.)
    float kth = approximate.bar();
    int lowest = Short.MIN_VALUE + 1;
    int bar =
        kth == Float.NEGATIVE_INFINITY
            ? lowest
            : Math.max((int) kth - 2 * rounded.tolerance(), lowest);
    int[] candidates = rowsReaching(sums, bar);
    return candidates == null ? null : rescore(q, k, candidates);
  }

  // Scores the chunk of rows from start approximately into sums (rejected rows get the lowest
  // value, which no accepted row reaches) and returns its best k accepted rows.
  private TopK approximate(int[] q, int k, Predicate<String> accept, short[] sums, int start) {
    int end = Math.min(size, start + CHUNK_ROWS);
    TopK top = new TopK(k);
    boolean[] accepted = accept == null ? null : new boolean[end - start];
    if (accepted != null && !accept(accept, start, end, accepted)) {
      Arrays.fill(sums, start, end, Short.MIN_VALUE);
      return top;
    }
    quantized.score(q, sums, start, end);
    for (int row = start; row < end; row++) {
      if (accepted == null || accepted[row - start]) {
        top.offer(row, sums[row]);
      } else {
        sums[row] = Short.MIN_VALUE;
      }
    }
    return top;
  }

  // The rows (ascending) whose approximate sum reaches bar; null if there are more than are worth
  // scoring one by one.
  private int[] rowsReaching(short[] sums, int bar) {
    int limit = Math.max(MIN_RESCORED, size / RESCORED_PER);
    int[] rows = new int[limit];
    int count = 0;
    for (int row = 0; row < size; row++) {
      if (sums[row] >= bar) {
        if (count == limit) {
          return null;
        }
        rows[count++] = row;
      }
    }
    return Arrays.copyOf(rows, count);
  }

  // The best k of rows scored exactly, each sum built in dimension order as the scan builds it (so
  // the scores are the same floats). Dimension by dimension, so each column is read in row order.
  private TopK rescore(float[] q, int k, int[] rows) {
    float[] sums = new float[rows.length];
    for (int d = 0; d < dimensions; d++) {
      float[] column = columns[d];
      float factor = q[d];
      for (int i = 0; i < rows.length; i++) {
        sums[i] += factor * column[rows[i]];
      }
    }
    TopK top = new TopK(k);
    for (int i = 0; i < rows.length; i++) {
      top.offer(rows[i], sums[i]);
    }
    return top;
  }

  // Scores the chunk of rows from start into scores and returns its best k accepted rows.
  private TopK scan(float[] q, int k, Predicate<String> accept, float[] scores, int start) {
    int end = Math.min(size, start + CHUNK_ROWS);
    TopK top = new TopK(k);
    boolean[] accepted = accept == null ? null : new boolean[end - start];
    if (accepted != null && !accept(accept, start, end, accepted)) {
      return top;
    }
    int d = 0;
    for (; d + 4 <= dimensions; d += 4) {
      addScaled4(scores, q, d, start, end);
    }
    for (; d < dimensions; d++) {
      addScaled(scores, columns[d], q[d], start, end);
    }
    for (int row = start; row < end; row++) {
      if (accepted == null || accepted[row - start]) {
        top.offer(row, scores[row]);
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

  // Adds the products of dimensions d to d + 3 to each row's sum, one after another (the order of
  // a plain loop). One index for all five arrays, so C2 vectorizes it.
  private void addScaled4(float[] scores, float[] q, int d, int start, int end) {
    float[] c0 = columns[d];
    float[] c1 = columns[d + 1];
    float[] c2 = columns[d + 2];
    float[] c3 = columns[d + 3];
    float f0 = q[d];
    float f1 = q[d + 1];
    float f2 = q[d + 2];
    float f3 = q[d + 3];
    for (int row = start; row < end; row++) {
      float sum = scores[row];
      sum += f0 * c0[row];
      sum += f1 * c1[row];
      sum += f2 * c2[row];
      sum += f3 * c3[row];
      scores[row] = sum;
    }
  }

  // scores[row] += factor * column[row]: for the dimensions left over after the groups of four.
  static void addScaled(float[] scores, float[] column, float factor, int start, int end) {
    for (int row = start; row < end; row++) {
      scores[row] += factor * column[row];
    }
  }

  private void checkLength(float[] query) {
    if (query.length != dimensions) {
      throw new DimensionMismatchException("query vector", dimensions, query.length);
    }
  }

  // In double: for a vector with subnormal components, one over its length is beyond the float
  // range (and a float scale would make its unit vector infinite, its scores NaN).
  private static double inverseNorm(float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += (double) v * v;
    }
    return norm == 0 ? 0 : 1 / Math.sqrt(norm);
  }

  /** The component {@code value} of a vector scaled by {@code scale} to unit length. */
  static float unit(float value, double scale) {
    return (float) (value * scale);
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

    // The score a row must beat to enter the heap: the worst held once full, -infinity before.
    float bar() {
      return size < rows.length ? Float.NEGATIVE_INFINITY : scores[0];
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
