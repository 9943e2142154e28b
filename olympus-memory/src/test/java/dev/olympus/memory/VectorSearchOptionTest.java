package dev.olympus.memory;

import static dev.olympus.memory.TestVectors.cosine;
import static dev.olympus.memory.TestVectors.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.internal.documents.VectorIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's choice between the exact scan and the int8 first pass ({@link VectorSearch}). */
class VectorSearchOptionTest {
  private static final int ROWS = 21_000; // past the size from which the first pass is taken
  private static final int DIMS = 24;

  @TempDir Path dir;

  @Test
  void eachChoiceReturnsTheBruteForceTopTenWithItsScoresOverALargeIndex() {
    Random random = new Random(11);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      vectors.add(gaussian(random, DIMS));
    }
    List<float[]> queries = IntStream.range(0, 5).mapToObj(i -> gaussian(random, DIMS)).toList();
    for (VectorSearch choice : VectorSearch.values()) {
      try (MemoryStore store =
          SqliteMemoryStore.builder()
              .path(dir.resolve(choice + ".db"))
              .vectorSearch(choice)
              .build()) {
        for (int from = 0; from < ROWS; from += 7_000) {
          List<EmbeddedDocument> batch = new ArrayList<>();
          for (int i = from; i < from + 7_000; i++) {
            batch.add(new EmbeddedDocument("d" + i, "text " + i, Map.of(), vectors.get(i)));
          }
          store.documents().ingestEmbedded(batch);
        }
        for (float[] query : queries) {
          List<SearchHit> hits = store.documents().nearest(query, 10, Map.of());
          assertEquals(
              bruteForceTopTen(vectors, query),
              hits.stream().map(h -> h.citation().sourceId()).toList(),
              choice.name());
          for (SearchHit hit : hits) {
            int row = Integer.parseInt(hit.citation().sourceId().substring(1));
            assertEquals(cosine(vectors.get(row), query), hit.cosine().orElseThrow(), 1e-5);
          }
        }
      }
    }
  }

  @Test
  void anIndexThatDoesNotQuantizeKeepsNoInt8CopyAndScansExactly() {
    Random random = new Random(5);
    VectorIndex exact = new VectorIndex(0, false);
    VectorIndex quantized = new VectorIndex(0, true);
    for (long id = 0; id < ROWS; id++) {
      float[] vector = gaussian(random, DIMS);
      exact.put(id, "g", vector);
      quantized.put(id, "g", vector);
    }
    float[] query = gaussian(random, DIMS);

    assertTrue(exact.quantizedTop(query, 10, null).isEmpty());
    assertEquals(exact.exactTop(query, 10, null), exact.top(query, 10, null));
    assertEquals(exact.exactTop(query, 10, null), quantized.quantizedTop(query, 10, null).get());
  }

  @Test
  void aMissingChoiceIsRefusedByName() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> SqliteMemoryStore.builder().vectorSearch(null));
    assertTrue(e.getMessage().contains("vectorSearch"), e.getMessage());
  }

  private static List<String> bruteForceTopTen(List<float[]> vectors, float[] query) {
    return IntStream.range(0, vectors.size())
        .boxed()
        .sorted(
            Comparator.comparingDouble((Integer i) -> -cosine(vectors.get(i), query))
                .thenComparing(i -> i))
        .limit(10)
        .map(i -> "d" + i)
        .toList();
  }
}
