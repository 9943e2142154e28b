package dev.olympus.memory;

/**
 * How {@link DocumentStore#nearest} (and the vector half of hybrid search) finds the closest
 * vectors that the store scores in the application.
 */
public enum VectorSearch {
  /**
   * Scores every vector exactly (cosine over the stored floats): 4 bytes of memory per vector
   * component.
   */
  EXACT,
  /**
   * The default. From 20,000 vectors a query first scores every vector approximately from an int8
   * copy (in 16-bit lanes, which Java 17's compiler turns into SIMD code), then scores exactly the
   * vectors whose approximate score comes within twice a 6σ bound of the rounding error of the k-th
   * best, so the results and their scores are the exact scan's; where that leaves too many vectors
   * (near-duplicates of the query) it scans exactly. The bound is statistical: vectors whose
   * rounding errors line up beyond it could be ranked differently, which recall tests on random,
   * clustered and count-like data have not shown. Costs 2 more bytes of memory per vector component
   * (1.5× the exact index).
   */
  QUANTIZED
}
