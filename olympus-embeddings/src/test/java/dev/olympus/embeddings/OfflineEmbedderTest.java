package dev.olympus.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.SqliteMemoryStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process model finds what a question means, where keywords alone do not. */
class OfflineEmbedderTest {
  static final Map<String, String> NOTES =
      Map.of(
          "pets", "The cat slept on the warm windowsill all afternoon.",
          "finance", "Quarterly revenue rose twelve percent thanks to strong exports.",
          "travel", "Our flight to Lisbon was delayed by three hours.");
  // Shares no word with any note.
  static final String PARAPHRASE = "How much extra money did that business earn?";

  static OfflineEmbedder embedder;

  @TempDir Path dir;

  @BeforeAll
  static void load() {
    embedder = OfflineEmbedder.create();
  }

  static void ingest(MemoryStore memory) {
    NOTES.forEach((source, text) -> memory.documents().ingest(source, text, Map.of()));
  }

  @Test
  void aParaphraseFindsTheRightNoteWhereKeywordSearchFindsNothing() {
    try (MemoryStore keywords = SqliteMemoryStore.open(dir.resolve("keywords.db"));
        MemoryStore hybrid =
            SqliteMemoryStore.builder().path(dir.resolve("hybrid.db")).embedder(embedder).build()) {
      ingest(keywords);
      ingest(hybrid);
      List<SearchHit> byKeyword = keywords.documents().search(PARAPHRASE, 3);
      assertTrue(
          byKeyword.stream().noneMatch(h -> h.citation().sourceId().equals("finance")),
          byKeyword::toString);
      List<SearchHit> byMeaning = hybrid.documents().search(PARAPHRASE, 3);
      assertEquals("finance", byMeaning.get(0).citation().sourceId(), byMeaning::toString);
    }
  }

  @Test
  void vectorsHaveTheAdvertisedLengthAndSimilarTextsAreCloser() {
    List<float[]> vectors =
        embedder.embed(
            List.of("A kitten naps in the sun.", NOTES.get("pets"), NOTES.get("travel")));
    assertEquals(3, vectors.size());
    vectors.forEach(v -> assertEquals(OfflineEmbedder.DIMENSIONS, v.length));
    assertEquals(OfflineEmbedder.DIMENSIONS, embedder.dimensions());
    assertTrue(
        cosine(vectors.get(0), vectors.get(1)) > cosine(vectors.get(0), vectors.get(2)),
        "the kitten is closer to the cat than to the flight");
    assertTrue(Arrays.equals(vectors.get(1), embedder.embed(List.of(NOTES.get("pets"))).get(0)));
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> embedder.embed(List.of()));
    IllegalArgumentException blank =
        assertThrows(IllegalArgumentException.class, () -> embedder.embed(List.of("a", " ")));
    assertTrue(blank.getMessage().contains("texts[1]"), blank.getMessage());
    assertThrows(NullPointerException.class, () -> embedder.embed(null));
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
