package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.HardException;
import java.util.ArrayList;
import java.util.List;

/** Reads embedding vectors out of JSON arrays of numbers. */
final class Vectors {
  private Vectors() {}

  /**
   * The vectors of {@code arrays}, an array of number arrays, which must hold {@code expected}.
   *
   * @throws HardException if the shape is wrong
   */
  static List<float[]> fromArrays(String provider, JsonNode arrays, int expected) {
    if (!arrays.isArray() || arrays.size() != expected) {
      throw new HardException(
          provider, 0, "expected " + expected + " embeddings but got " + arrays.size(), null);
    }
    List<float[]> vectors = new ArrayList<>(expected);
    for (JsonNode array : arrays) {
      vectors.add(vector(provider, array));
    }
    return vectors;
  }

  /**
   * The vector of {@code array}.
   *
   * @throws HardException if it is not a non-empty array of numbers
   */
  static float[] vector(String provider, JsonNode array) {
    if (!array.isArray() || array.isEmpty()) {
      throw new HardException(provider, 0, "an embedding is not an array of numbers", null);
    }
    float[] vector = new float[array.size()];
    for (int i = 0; i < vector.length; i++) {
      JsonNode value = array.get(i);
      if (!value.isNumber()) {
        throw new HardException(provider, 0, "an embedding holds a non-number: " + value, null);
      }
      vector[i] = value.floatValue();
    }
    return vector;
  }
}
