package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vectors whose components are finite but so small that one over their length is not a float (a
 * subnormal component): they were accepted, then scored NaN, and a NaN in the top-k heap pushed
 * better rows out of every search. Their direction is what counts, as for any other vector.
 */
class TinyVectorsTest {
  private static final int DOCUMENTS = 50;

  @TempDir Path dir;

  @Test
  void aTinyStoredVectorNeitherScoresNanNorDisplacesBetterRows() {
    try (MemoryStore store = SqliteMemoryStore.open(dir.resolve("tiny.db"))) {
      qt().withExamples(40)
          .forAll(longs().all(), integers().between(0, DOCUMENTS - 1))
          .checkAssert(
              (seed, tiny) -> {
                List<float[]> vectors = vectors(new Random(seed), tiny);
                store.documents().ingestEmbedded(documents(vectors));
                int target = (tiny + 1) % DOCUMENTS;

                List<SearchHit> hits = store.documents().nearest(vectors.get(target), 5, Map.of());

                assertEquals("doc-" + target, hits.get(0).citation().sourceId());
                assertEquals(1.0, hits.get(0).score(), 1e-5);
                for (int i = 1; i < hits.size(); i++) {
                  assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), hits::toString);
                }
              });
    }
  }

  @Test
  void aTinyQueryFindsTheVectorsOfItsDirection() {
    try (MemoryStore store = SqliteMemoryStore.open(dir.resolve("tiny.db"))) {
      List<float[]> vectors = vectors(new Random(7), 3);
      store.documents().ingestEmbedded(documents(vectors));
      float[] query = new float[8];
      query[0] = Float.MIN_VALUE;

      List<SearchHit> hits = store.documents().nearest(query, 1, Map.of());

      assertEquals("doc-3", hits.get(0).citation().sourceId());
      assertEquals(1.0, hits.get(0).score(), 1e-5);
    }
  }

  // Random directions, but the one at tiny points along the first axis with a subnormal length.
  private static List<float[]> vectors(Random random, int tiny) {
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      float[] vector = new float[8];
      for (int d = 0; d < vector.length; d++) {
        vector[d] = (float) random.nextGaussian();
      }
      vectors.add(vector);
    }
    float[] small = new float[8];
    small[0] = Float.MIN_VALUE * 3;
    vectors.set(tiny, small);
    return vectors;
  }

  private static List<EmbeddedDocument> documents(List<float[]> vectors) {
    List<EmbeddedDocument> documents = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      documents.add(new EmbeddedDocument("doc-" + i, "document " + i, Map.of(), vectors.get(i)));
    }
    return documents;
  }
}
