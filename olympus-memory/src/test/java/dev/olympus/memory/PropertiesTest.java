package dev.olympus.memory;

import static dev.olympus.memory.TestVectors.cosine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.olympus.memory.internal.documents.Chunker;
import dev.olympus.memory.internal.documents.VectorIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunker coverage and exact vector search, as properties. */
class PropertiesTest {
  private static final String[] PIECES = {
    "a", "word", "longerword", "x".repeat(40), " ", " ", "  ", ". ", "! ", "\n", "\n\n", "é", "😀"
  };

  @Test
  void chunksCoverTheTextWithoutGapsAndWithBoundedOverlap() {
    qt().withExamples(200)
        .forAll(
            lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 120),
            integers().between(16, 80),
            integers().between(0, 100))
        .checkAssert(
            (pieces, target, overlapPercent) -> {
              StringBuilder text = new StringBuilder();
              pieces.forEach(i -> text.append(PIECES[i]));
              int overlap = (target / 2 - 1) * overlapPercent / 100;
              check(text.toString(), new ChunkerOptions(target, overlap));
            });
  }

  private static void check(String text, ChunkerOptions options) {
    List<Chunk> chunks = new Chunker(options).chunk(text);
    if (text.isEmpty()) {
      assertTrue(chunks.isEmpty());
      return;
    }
    assertEquals(0, chunks.get(0).start());
    assertEquals(text.length(), chunks.get(chunks.size() - 1).end());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertEquals(i, c.index());
      assertEquals(text.substring(c.start(), c.end()), c.text());
      assertTrue(c.end() > c.start());
      assertTrue(notInsideWord(text, c.start()) && notInsideWord(text, c.end()), c.toString());
      if (i > 0) {
        Chunk prev = chunks.get(i - 1);
        assertTrue(c.start() > prev.start(), "progress");
        assertTrue(c.start() <= prev.end(), "no gap");
        assertTrue(prev.end() - c.start() <= options.overlapChars(), "overlap bound");
      }
    }
  }

  private static boolean notInsideWord(String text, int i) {
    return i == 0
        || i == text.length()
        || Character.isWhitespace(text.charAt(i - 1))
        || Character.isWhitespace(text.charAt(i));
  }

  @Test
  void vectorTopKEqualsANaiveSort() {
    qt().withExamples(60)
        .forAll(integers().between(1, 300), integers().between(1, 12), integers().all())
        .checkAssert(
            (rows, k, seed) -> {
              Random random = new Random(seed);
              int dims = 8;
              VectorIndex index = new VectorIndex(0, true);
              List<float[]> vectors = new ArrayList<>();
              for (int i = 0; i < rows; i++) {
                float[] v = new float[dims];
                for (int d = 0; d < dims; d++) {
                  v[d] = (float) random.nextGaussian();
                }
                vectors.add(v);
                index.put(i, i % 2 == 0 ? "even" : "odd", v);
              }
              // removals keep the index consistent
              index.remove(0);
              vectors.set(0, null);
              float[] q = new float[dims];
              for (int d = 0; d < dims; d++) {
                q[d] = (float) random.nextGaussian();
              }
              List<Double> expected = naive(vectors, q, k, seed % 2 == 0);
              List<VectorIndex.Scored> actual =
                  index.top(q, k, seed % 2 == 0 ? "even"::equals : null);
              assertEquals(expected.size(), actual.size());
              for (int i = 0; i < actual.size(); i++) {
                assertEquals(expected.get(i), actual.get(i).score(), 1e-4);
              }
            });
  }

  @Test
  void anIndexFilledInBatchesEqualsOneFilledRowByRow() {
    qt().withExamples(50)
        .forAll(integers().between(1, 60), integers().between(1, 7), longs().all())
        .checkAssert(
            (rows, batch, seed) -> {
              Random random = new Random(seed);
              VectorIndex one = new VectorIndex(0, true);
              VectorIndex batched = new VectorIndex(0, true);
              List<Long> ids = new ArrayList<>();
              List<String> groups = new ArrayList<>();
              List<float[]> vectors = new ArrayList<>();
              for (int i = 0; i < rows; i++) {
                long id = random.nextInt(rows); // some ids come back, even within a batch
                float[] v = new float[5];
                for (int d = 0; d < v.length; d++) {
                  v[d] = (float) random.nextGaussian();
                }
                one.put(id, "g" + id, v);
                ids.add(id);
                groups.add("g" + id);
                vectors.add(v);
                if (ids.size() == batch || i == rows - 1) {
                  batched.putAll(ids, groups, vectors); // a repeated id: the last wins
                  ids.clear();
                  groups.clear();
                  vectors.clear();
                }
              }
              float[] q = {1, 0.5f, -0.25f, 2, 0};
              assertEquals(one.size(), batched.size());
              assertEquals(one.top(q, rows, null), batched.top(q, rows, null));
            });
  }

  @Test
  void aLargeIndexScannedInParallelAgreesWithANaiveSort() {
    Random random = new Random(11);
    VectorIndex index = new VectorIndex(4, true);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      float[] v = {
        (float) random.nextGaussian(), (float) random.nextGaussian(),
        (float) random.nextGaussian(), (float) random.nextGaussian()
      };
      vectors.add(v);
      index.put(i, "s", v);
    }
    float[] q = {1, -1, 0.5f, 0};
    List<Double> expected = naive(vectors, q, 10, false);
    List<VectorIndex.Scored> actual = index.top(q, 10, null);
    for (int i = 0; i < 10; i++) {
      assertEquals(expected.get(i), actual.get(i).score(), 1e-4);
    }
  }

  @Test
  void aFilterThatRejectsWholeChunksStillAgreesWithANaiveSort() {
    Random random = new Random(13);
    VectorIndex index = new VectorIndex(0, true);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      float[] v = {(float) random.nextGaussian(), (float) random.nextGaussian(), 0.25f};
      vectors.add(v);
      index.put(i, i % 2 == 0 && i > 60_000 ? "even" : "other", v);
    }
    for (int i = 0; i <= 60_000; i += 2) {
      vectors.set(i, null); // the filter sees even rows only after row 60,000
    }
    float[] q = {0.5f, -1, 2};
    List<Double> expected = naive(vectors, q, 10, true);
    List<VectorIndex.Scored> actual = index.top(q, 10, "even"::equals);
    assertEquals(10, actual.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(expected.get(i), actual.get(i).score(), 1e-4);
      assertTrue(actual.get(i).id() > 60_000 && actual.get(i).id() % 2 == 0);
    }
  }

  private static List<Double> naive(List<float[]> vectors, float[] q, int k, boolean evenOnly) {
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      if (vectors.get(i) != null && (!evenOnly || i % 2 == 0)) {
        scores.add(cosine(vectors.get(i), q));
      }
    }
    scores.sort(Comparator.reverseOrder());
    return scores.subList(0, Math.min(k, scores.size()));
  }
}
