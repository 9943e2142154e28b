package dev.olympus.memory;

import java.util.Random;

/** Vectors for the vector-search tests and the brute-force cosine they are checked against. */
final class TestVectors {
  private TestVectors() {}

  /** A vector of {@code dims} standard normal components. */
  static float[] gaussian(Random random, int dims) {
    float[] v = new float[dims];
    for (int d = 0; d < dims; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }

  /** The cosine similarity of {@code a} and {@code b}, in doubles. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int d = 0; d < a.length; d++) {
      dot += a[d] * b[d];
      na += a[d] * a[d];
      nb += b[d] * b[d];
    }
    return dot / Math.sqrt(na * nb);
  }
}
