package dev.olympus.memory;

import static dev.olympus.memory.TestVectors.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.olympus.memory.internal.documents.VectorIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The int8 first pass of {@link VectorIndex#top}: recall@10 against the exact scan on random,
 * clustered and count-like data, exact scores for what it returns, the exact scan where it
 * declines, and no overflow of its 16-bit sums.
 */
class VectorQuantizedSearchTest {
  private static final int ROWS = 6_000;
  private static final int QUERIES = 25;

  @Test
  void onRandomDataTheQuantizedPassFindsTheExactTopTen() {
    qt().withExamples(4)
        .forAll(longs().all(), integers().between(48, 200))
        .checkAssert((seed, dims) -> assertRecall(new Random(seed), dims, r -> gaussian(r, dims)));
  }

  @Test
  void onClusteredDataTheQuantizedPassFindsTheExactTopTen() {
    qt().withExamples(4)
        .forAll(longs().all(), integers().between(48, 200))
        .checkAssert(
            (seed, dims) -> {
              Random random = new Random(seed);
              List<float[]> centers = new ArrayList<>();
              for (int c = 0; c < 40; c++) {
                centers.add(gaussian(random, dims));
              }
              assertRecall(random, dims, r -> near(centers.get(r.nextInt(centers.size())), 1.0, r));
            });
  }

  @Test
  void onCountLikeDataTheQuantizedPassFindsTheExactTopTen() {
    // Every non-zero component of a row has the same value, so without the per-dimension offset
    // their rounding errors would add up instead of cancelling.
    qt().withExamples(4)
        .forAll(longs().all(), integers().between(48, 200))
        .checkAssert(
            (seed, dims) ->
                assertRecall(
                    new Random(seed),
                    dims,
                    r -> {
                      float[] v = new float[dims];
                      for (int d = 0; d < dims; d++) {
                        v[d] = r.nextInt(5) == 0 ? 1 : 0;
                      }
                      return v;
                    }));
  }

  @Test
  void roundingErrorsThatWouldAllPointOneWayStillCancel() {
    // 127 / sqrt(122) rounds down by 0.498 and 127 / sqrt(121) up by 0.455: rounded plainly, each
    // of the 122 equal components of a best row would lose the same amount and each of the 121 of
    // a runner-up gain it, putting the best rows about 0.057 below the runners-up, beyond the
    // error the first pass allows for; the per-dimension offsets spread those errors.
    Random random = new Random(9);
    int dims = 256;
    VectorIndex index = new VectorIndex(0, true);
    for (int i = 0; i < 5_000; i++) {
      index.put(i, "s", gaussian(random, dims));
    }
    for (int i = 0; i < 110; i++) {
      index.put(5_000 + i, "s", flags(dims, i < 10 ? 122 : 121, random));
    }
    float[] query = new float[dims];
    Arrays.fill(query, 1);
    List<VectorIndex.Scored> exact = index.exactTop(query, 10, null);
    assertTrue(exact.stream().allMatch(s -> s.id() >= 5_000 && s.id() < 5_010));
    assertEquals(Optional.of(exact), index.quantizedTop(query, 10, null));
  }

  @Test
  void nearDuplicatesAreLeftToTheExactScan() {
    Random random = new Random(3);
    float[] center = gaussian(random, 64);
    VectorIndex index = new VectorIndex(0, true);
    for (int i = 0; i < 21_000; i++) {
      index.put(i, "s", i < 1_000 ? near(center, 0.01, random) : gaussian(random, 64));
    }
    float[] query = near(center, 0.01, random);
    assertTrue(index.quantizedTop(query, 10, null).isEmpty());
    assertEquals(index.exactTop(query, 10, null), index.top(query, 10, null));
  }

  @Test
  void aLargeIndexTakesTheQuantizedPassAndGivesTheExactResult() {
    Random random = new Random(5);
    VectorIndex index = new VectorIndex(0, true);
    for (int i = 0; i < 25_000; i++) {
      index.put(i, i % 3 == 0 ? "kept" : "other", gaussian(random, 96));
    }
    for (int t = 0; t < 10; t++) {
      float[] query = gaussian(random, 96);
      List<VectorIndex.Scored> exact = index.exactTop(query, 10, "kept"::equals);
      assertEquals(Optional.of(exact), index.quantizedTop(query, 10, "kept"::equals));
      assertEquals(exact, index.top(query, 10, "kept"::equals));
      assertTrue(exact.stream().allMatch(s -> s.id() % 3 == 0));
    }
  }

  @Test
  void vectorsOfTheLargestRoundedNormDoNotOverflowTheSums() {
    qt().withExamples(20)
        .forAll(integers().between(8, 3_000), longs().all())
        .checkAssert(
            (dims, seed) -> {
              Random random = new Random(seed);
              VectorIndex index = new VectorIndex(dims, true);
              int axis = random.nextInt(dims);
              float[] flat = new float[dims];
              Arrays.fill(flat, 1);
              for (int i = 0; i < 300; i++) {
                index.put(i, "s", i == 0 ? oneHot(dims, axis) : gaussian(random, dims));
              }
              index.put(300, "s", flat);
              for (float[] query : List.of(oneHot(dims, axis), flat)) {
                Optional<List<VectorIndex.Scored>> quick = index.quantizedTop(query, 3, null);
                quick.ifPresent(hits -> assertEquals(index.exactTop(query, 3, null), hits));
              }
              assertEquals(0L, index.quantizedTop(oneHot(dims, axis), 1, null).get().get(0).id());
            });
  }

  // Builds an index of ROWS rows from source and checks, over QUERIES queries from the same
  // source, that the quantized pass answers every one, with the exact scores of the rows it
  // returns, and with recall@10 of at least 0.99 against the exact scan.
  private static void assertRecall(Random random, int dims, Function<Random, float[]> source) {
    VectorIndex index = new VectorIndex(0, true);
    for (int i = 0; i < ROWS; i++) {
      index.put(i, "s", source.apply(random));
    }
    int found = 0;
    for (int t = 0; t < QUERIES; t++) {
      float[] query = source.apply(random);
      List<VectorIndex.Scored> exact = index.exactTop(query, 10, null);
      List<VectorIndex.Scored> quick = index.quantizedTop(query, 10, null).orElseThrow();
      Map<Long, Float> exactScores = new HashMap<>();
      index.exactTop(query, ROWS, null).forEach(s -> exactScores.put(s.id(), s.score()));
      for (VectorIndex.Scored hit : quick) {
        assertEquals(exactScores.get(hit.id()), hit.score());
        found += exact.stream().anyMatch(s -> s.id() == hit.id()) ? 1 : 0;
      }
    }
    double recall = found / (10.0 * QUERIES);
    assertTrue(recall >= 0.99, "recall@10 " + recall);
  }

  private static float[] near(float[] center, double noise, Random random) {
    float[] v = new float[center.length];
    for (int d = 0; d < v.length; d++) {
      v[d] = center[d] + (float) (random.nextGaussian() * noise);
    }
    return v;
  }

  // A vector of count ones at random places.
  private static float[] flags(int dims, int count, Random random) {
    List<Integer> places = new ArrayList<>();
    for (int d = 0; d < dims; d++) {
      places.add(d);
    }
    Collections.shuffle(places, random);
    float[] v = new float[dims];
    places.subList(0, count).forEach(d -> v[d] = 1);
    return v;
  }

  private static float[] oneHot(int dims, int axis) {
    float[] v = new float[dims];
    v[axis] = 1;
    return v;
  }
}
