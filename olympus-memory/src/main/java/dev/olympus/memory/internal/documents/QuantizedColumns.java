package dev.olympus.memory.internal.documents;

import java.util.Arrays;

/**
 * An int8 copy of a {@link VectorIndex}'s unit-vector columns, for a quick approximate first pass.
 * Each value is {@code round(x * 127 + offset)}, held in a {@code short[]} column: C2 in JDK 17
 * vectorizes arithmetic on 16-bit lanes but not the widening of bytes, so 16-bit lanes are what
 * makes the pass fast (half the bytes of the float columns and twice the lanes per instruction).
 *
 * <p>A query is rounded the same way at a scale chosen so that no row's sum can leave the 16-bit
 * range: by Cauchy–Schwarz {@code |q·c| <= |q| |c|}, and the scale keeps {@code |q|} below {@code
 * 32767 / max|c|}. The sums are therefore accumulated in {@code short} lanes whose wrap-around
 * never happens at the end (intermediate wraps cancel), and the kernel is pure 16-bit SIMD. Not
 * thread-safe: the owning index guards it with its lock.
 */
final class QuantizedColumns {
  /** The scale of stored values: unit-vector components become integers in [-127, 127]. */
  static final int SCALE = 127;

  // The smallest query scale worth using; below it (tens of thousands of dimensions) the pass is
  // too coarse and the index searches exactly.
  private static final int MIN_QUERY_SCALE = 32;

  private short[][] columns = new short[0][];
  // The largest Euclidean norm of a stored row, in stored units. Never lowered on removal: a bound
  // that is too high only costs query precision.
  private double maxNorm;

  /** Allocates {@code dimensions} columns of {@code capacity} rows. */
  void allocate(int dimensions, int capacity) {
    columns = new short[dimensions][capacity];
  }

  /** Grows every column to {@code capacity} rows. */
  void grow(int capacity) {
    for (int d = 0; d < columns.length; d++) {
      columns[d] = Arrays.copyOf(columns[d], capacity);
    }
  }

  /**
   * Stores row {@code row} as the rounded values of {@code vector * scale} (a unit vector), each
   * shifted by its dimension's fixed offset before rounding.
   */
  void set(int row, float[] vector, double scale) {
    long squares = 0;
    for (int d = 0; d < columns.length; d++) {
      int value = Math.round(VectorIndex.unit(vector[d], scale) * SCALE + offset(d));
      columns[d][row] = (short) value;
      squares += (long) value * value;
    }
    maxNorm = Math.max(maxNorm, Math.sqrt(squares));
  }

  // A fixed offset in [-0.5, 0.5) per dimension (the golden-ratio sequence), added before rounding.
  // Without it, a vector whose components repeat a few values (normalized counts or flags) has the
  // same rounding error in each of them, and those errors add up instead of cancelling; with it
  // they
  // spread evenly. The offsets add sum(q[d] * offset(d)) to every row's sum alike, which changes no
  // ranking and no difference between two rows.
  private static float offset(int d) {
    double golden = 0.6180339887498949;
    return (float) ((d * golden) % 1.0 - 0.5);
  }

  /** Copies row {@code from} into row {@code to}. */
  void move(int from, int to) {
    for (short[] column : columns) {
      column[to] = column[from];
    }
  }

  /**
   * The rounded query for the unit vector {@code q}, or null if the dimensions are too many for a
   * useful scale.
   */
  Query query(float[] q) {
    // |rounded q| <= scale + sqrt(d) / 2, so the scale leaves |q| |c| below 32767
    double scale = Math.floor(Short.MAX_VALUE / Math.max(maxNorm, 1) - Math.sqrt(q.length) / 2 - 1);
    if (scale < MIN_QUERY_SCALE) {
      return null;
    }
    int[] rounded = new int[q.length];
    for (int d = 0; d < q.length; d++) {
      rounded[d] = (int) Math.round(q[d] * scale);
    }
    return new Query(rounded, (float) scale);
  }

  /**
   * A rounded query with its scale: a stored row's sum divided by {@code 127 * scale} approximates
   * its cosine.
   */
  record Query(int[] values, float scale) {
    /**
     * How far an approximate score may be from the exact one (less a constant shared by every row),
     * in summed units: six standard deviations of the rounding error. Each rounded component is off
     * by up to half a unit, evenly spread, so a unit-vector dot product is off by about {@code
     * sqrt((1/127² + 1/scale²) / 12)}; a row's error is a sum of many such terms, near normal with
     * lighter tails.
     */
    int tolerance() {
      double sigma = Math.sqrt((1.0 / (SCALE * SCALE) + 1.0 / (scale * scale)) / 12);
      return (int) Math.ceil(6 * sigma * SCALE * scale);
    }
  }

  /**
   * Writes the approximate score of each row of [start, end) into {@code sums}: four dimensions per
   * pass, in 16-bit lanes (see the class comment for why they cannot overflow).
   */
  void score(int[] q, short[] sums, int start, int end) {
    Arrays.fill(sums, start, end, (short) 0);
    int d = 0;
    for (; d + 4 <= columns.length; d += 4) {
      add4(q, d, sums, start, end);
    }
    for (; d < columns.length; d++) {
      short[] c = columns[d];
      int f = q[d];
      for (int row = start; row < end; row++) {
        sums[row] = (short) (sums[row] + f * c[row]);
      }
    }
  }

  private void add4(int[] q, int d, short[] sums, int start, int end) {
    short[] c0 = columns[d];
    short[] c1 = columns[d + 1];
    short[] c2 = columns[d + 2];
    short[] c3 = columns[d + 3];
    int f0 = q[d];
    int f1 = q[d + 1];
    int f2 = q[d + 2];
    int f3 = q[d + 3];
    for (int row = start; row < end; row++) {
      sums[row] = (short) (sums[row] + f0 * c0[row] + f1 * c1[row] + f2 * c2[row] + f3 * c3[row]);
    }
  }
}
