package dev.olympus.testing.internal;

import java.util.Locale;
import java.util.function.Function;

/**
 * A deterministic embedding with no model: each word adds one to the dimension its hash selects,
 * and the vector is normalized. Texts that share words are close.
 */
public final class HashedWords implements Function<String, float[]> {
  private final int dimensions;

  /** An embedding into {@code dimensions} dimensions. */
  public HashedWords(int dimensions) {
    Checks.argument(dimensions > 0, "dimensions must be > 0 but was " + dimensions);
    this.dimensions = dimensions;
  }

  @Override
  public float[] apply(String text) {
    double[] sums = new double[dimensions];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        sums[Math.floorMod(word.hashCode(), dimensions)] += 1;
      }
    }
    double norm = Math.sqrt(java.util.Arrays.stream(sums).map(x -> x * x).sum());
    float[] vector = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      vector[i] = norm == 0 ? 0 : (float) (sums[i] / norm);
    }
    return vector;
  }
}
