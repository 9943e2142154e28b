package dev.olympus.memory.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.ChunkerOptions;
import dev.olympus.memory.Citation;
import dev.olympus.memory.DimensionMismatchException;
import dev.olympus.memory.EmbeddedDocument;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.Entity;
import dev.olympus.memory.Fact;
import dev.olympus.memory.ForgetReport;
import dev.olympus.memory.IngestResult;
import dev.olympus.memory.Layer;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.PruneReport;
import dev.olympus.memory.RetentionPolicy;
import dev.olympus.memory.SearchHit;
import dev.olympus.testing.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Part of the MemoryStore contract; see {@link StoreContract}. */
public abstract class DocumentsContract extends StoreContract {
  private static final String REPORT =
      "Quarterly revenue grew by twelve percent. The budget overrun came from cloud costs.\n\n"
          + "The team shipped the memory module. Retrieval now cites its sources.";
  private static final String RECIPE =
      "Whisk the eggs with sugar. Bake the cake for forty minutes.";

  /** A bag-of-words embedder: each word adds 1 to one of 16 buckets. Counts the texts it sees. */
  static final class WordEmbedder implements Embedder {
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public List<float[]> embed(List<String> batch) {
      texts.addAndGet(batch.size());
      List<float[]> vectors = new ArrayList<>();
      for (String text : batch) {
        float[] v = new float[16];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
          if (!word.isEmpty()) {
            v[Math.floorMod(word.hashCode(), 16)] += 1;
          }
        }
        vectors.add(v);
      }
      return vectors;
    }
  }

  private MemoryStore store(Embedder embedder) {
    var builder = options().chunker(new ChunkerOptions(64, 16));
    return embedder == null ? builder.build() : builder.embedder(embedder).build();
  }

  @Test
  void keywordSearchWorksWithoutAModelAndCites() {
    try (MemoryStore store = store(null)) {
      IngestResult result =
          store.documents().ingest("report.txt", REPORT, Map.of("kind", "report"));
      store.documents().ingest("recipe.txt", RECIPE, Map.of("kind", "recipe"));
      assertTrue(result.chunks() > 1);
      assertEquals(0, result.embedded());
      List<SearchHit> hits = store.documents().search("budget overrun", 3);
      Citation top = hits.get(0).citation();
      assertEquals("report.txt", top.sourceId());
      assertTrue(top.snippet().contains("budget overrun"), top.snippet());
      assertEquals(top.snippet(), REPORT.substring(top.start(), top.end()));
      assertTrue(hits.get(0).bm25().isPresent());
      assertTrue(hits.get(0).cosine().isEmpty());
      assertRankedBestFirst(store.documents().search("budget overrun cake", 10));
      assertTrue(store.documents().search("cake", 3, Map.of("kind", "report")).isEmpty());
      assertEquals(1, store.documents().search("cake", 3, Map.of("kind", "recipe")).size());
      assertTrue(store.documents().search("\"*) OR NEAR(", 3).isEmpty()); // no FTS5 syntax leaks
      assertTrue(store.documents().remove("recipe.txt"));
      assertTrue(store.documents().search("cake", 3).isEmpty());
    }
  }

  // Scores fall and raw keyword ranks rise (lower is better) down the list.
  private static void assertRankedBestFirst(List<SearchHit> hits) {
    assertTrue(hits.size() > 1, () -> "too few hits to compare: " + hits);
    for (int i = 1; i < hits.size(); i++) {
      SearchHit before = hits.get(i - 1);
      SearchHit after = hits.get(i);
      assertTrue(before.score() >= after.score(), () -> "scores out of order: " + hits);
      assertTrue(
          before.bm25().orElseThrow() <= after.bm25().orElseThrow(),
          () -> "raw ranks out of order: " + hits);
    }
  }

  @Test
  void hybridSearchFusesAndReingestDoesNotReembedUnchangedText() {
    WordEmbedder embedder = new WordEmbedder();
    float[] query = embedder.embed(List.of("memory module shipped")).get(0);
    List<SearchHit> nearest;
    try (MemoryStore store = store(embedder)) {
      IngestResult first = store.documents().ingest("report.txt", REPORT, Map.of());
      assertEquals(first.chunks(), first.embedded());
      int seen = embedder.texts.get();
      assertTrue(store.documents().ingest("report.txt", REPORT, Map.of()).unchanged());
      String edited = REPORT + "\n\nA new closing paragraph about sources.";
      IngestResult second = store.documents().ingest("report.txt", edited, Map.of());
      assertTrue(second.embedded() < second.chunks(), second.toString());
      assertEquals(seen + second.embedded(), embedder.texts.get());
      List<SearchHit> hits = store.documents().search("cloud costs budget", 2);
      assertTrue(hits.get(0).bm25().isPresent() && hits.get(0).cosine().isPresent());
      assertTrue(hits.get(0).score() > 0);
      nearest = store.documents().nearest(query, 5, Map.of());
      SearchHit near = nearest.get(0);
      assertTrue(near.citation().snippet().contains("memory module"), near.toString());
    }
    try (MemoryStore reopened = store(new WordEmbedder())) { // vectors load lazily from the file
      assertEquals(nearest, reopened.documents().nearest(query, 5, Map.of()));
    }
  }

  // The query is embedded as the chunks are: a broken embedder is an IllegalStateException naming
  // it, not an IndexOutOfBoundsException, a NullPointerException or the caller's bad argument.
  @Test
  void aBrokenEmbedderIsAnIllegalStateAtSearchAsAtIngest() {
    try (MemoryStore store = store(new WordEmbedder())) {
      store.documents().ingest("a", "some text to index", Map.of());
    }
    float[] nan = new float[16];
    nan[0] = Float.NaN;
    List<Embedder> broken =
        List.of(
            texts -> List.of(),
            texts -> null,
            texts -> java.util.Arrays.asList(new float[][] {null}),
            texts -> texts.stream().map(t -> nan).toList());
    for (Embedder embedder : broken) {
      try (MemoryStore store = store(embedder)) {
        var e =
            assertThrows(IllegalStateException.class, () -> store.documents().search("text", 3));
        assertTrue(e.getMessage().contains("the embedder returned"), e.getMessage());
      }
    }
  }

  // Hybrid search looks 4k deep into each ranking; for a k past a quarter of the int range that
  // depth wrapped around to the floor of 20.
  @Test
  void aHybridSearchForMoreHitsThanStoredReturnsEveryMatchingChunk() {
    try (MemoryStore store = store(new WordEmbedder())) {
      for (int i = 0; i < 50; i++) {
        store.documents().ingest("doc-" + i, "common words number " + i, Map.of());
      }
      for (int k : new int[] {50, 1 << 30, Integer.MAX_VALUE}) {
        assertEquals(50, store.documents().search("common", k).size(), () -> "k = " + k);
      }
    }
  }

  @Test
  void badVectorsAreTypedErrorsAndWriteNothing() {
    try (MemoryStore store = store(new WordEmbedder())) {
      store.documents().ingest("a", "some text to index", Map.of());
      assertThrows(
          DimensionMismatchException.class,
          () -> store.documents().nearest(new float[3], 1, Map.of()));
      float[] nan = new float[16];
      nan[2] = Float.NaN;
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> store.documents().nearest(nan, 1, Map.of()));
      assertTrue(e.getMessage().contains("vector[2]"), e.getMessage());
    }
    Embedder wrong = texts -> texts.stream().map(t -> new float[8]).toList();
    try (MemoryStore store = store(wrong)) {
      assertThrows(
          DimensionMismatchException.class,
          () -> store.documents().ingest("b", "other words entirely", Map.of()));
      assertTrue(store.documents().chunks("b").isEmpty());
    }
  }

  private static EmbeddedDocument doc(String id, String text, String kind, float... vector) {
    return new EmbeddedDocument(id, text, Map.of("kind", kind), vector);
  }

  @Test
  void embeddedDocumentsAreStoredUnderTheHostsIdsWithTheirVectors() {
    try (MemoryStore store = store(null)) {
      assertTrue(store.documents().nearest(new float[] {1, 0, 0, 0}, 1, Map.of()).isEmpty());
      store
          .documents()
          .ingestEmbedded(
              List.of(
                  doc("north", "The northern route is closed.", "road", 1, 0, 0, 0),
                  doc("east", "Ferries leave from the east pier.", "sea", 0, 1, 0, 0),
                  doc("up", "Cable cars climb the hill.", "road", 0, 0, 1, 0)));
      List<SearchHit> hits = store.documents().nearest(new float[] {0, 2, 0.1f, 0}, 3, Map.of());
      assertEquals(List.of("east", "up", "north"), sources(hits));
      assertEquals(1.0, hits.get(0).cosine().orElseThrow(), 1e-2);
      assertEquals("Ferries leave from the east pier.", hits.get(0).citation().snippet());
      assertEquals(
          List.of("up", "north"),
          sources(
              store.documents().nearest(new float[] {0, 2, 0.1f, 0}, 3, Map.of("kind", "road"))));
      assertEquals("east", store.documents().search("ferries", 1).get(0).citation().sourceId());
      assertEquals(1, store.documents().chunks("north").size());

      store
          .documents()
          .ingestEmbedded(List.of(doc("north", "Now it points west.", "road", -1, 0, 0, 0)));
      List<SearchHit> west = store.documents().nearest(new float[] {-1, 0, 0, 0}, 1, Map.of());
      assertEquals("Now it points west.", west.get(0).citation().snippet());
      assertEquals(List.of("Now it points west."), texts(store, "north"));
      assertTrue(store.documents().search("northern", 3).isEmpty());
    }
  }

  @Test
  void aBadEmbeddedBatchIsATypedErrorAndWritesNothing() {
    try (MemoryStore store = store(null)) {
      EmbeddedDocument ok = doc("ok", "fine", "k", 1, 0, 0);
      var mixed =
          assertThrows(
              DimensionMismatchException.class,
              () -> store.documents().ingestEmbedded(List.of(ok, doc("b", "x", "k", 1, 0))));
      assertTrue(mixed.getMessage().contains("documents[1].vector"), mixed.getMessage());
      var twice =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  store.documents().ingestEmbedded(List.of(ok, doc("ok", "again", "k", 0, 1, 0))));
      assertTrue(twice.getMessage().contains("ok appears twice"), twice.getMessage());
      var blank =
          assertThrows(
              IllegalArgumentException.class,
              () -> store.documents().ingestEmbedded(List.of(ok, doc(" ", "x", "k", 0, 1, 0))));
      assertTrue(blank.getMessage().contains("documents[1].id"), blank.getMessage());
      var nan =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  store
                      .documents()
                      .ingestEmbedded(List.of(ok, doc("n", "x", "k", 0, Float.NaN, 0))));
      assertTrue(nan.getMessage().contains("documents[1].vector[1]"), nan.getMessage());
      assertTrue(store.documents().chunks("ok").isEmpty());
      assertTrue(store.documents().search("fine", 1).isEmpty());

      store.documents().ingestEmbedded(List.of(ok));
      assertThrows(
          DimensionMismatchException.class,
          () -> store.documents().ingestEmbedded(List.of(doc("four", "x", "k", 1, 0, 0, 0))));
      assertTrue(store.documents().chunks("four").isEmpty());
    }
    Embedder sixteen =
        new Embedder() {
          @Override
          public List<float[]> embed(List<String> texts) {
            return new WordEmbedder().embed(texts);
          }

          @Override
          public int dimensions() {
            return 16;
          }
        };
    try (MemoryStore store = store(sixteen)) {
      assertThrows(
          DimensionMismatchException.class,
          () -> store.documents().ingestEmbedded(List.of(doc("short", "x", "k", 1, 0, 0))));
    }
  }

  // A second store on the same database is another process: what it writes, removes or forgets is
  // what this store's vector search finds, even after this store has loaded its vectors (and
  // though a removed chunk's id may be given to a new chunk).
  @Test
  void vectorSearchSeesWhatAnotherStoreWroteRemovedAndForgot() {
    try (MemoryStore mine = store(null);
        MemoryStore other = store(null)) {
      mine.documents()
          .ingestEmbedded(
              List.of(
                  doc("north", "The northern route is closed.", "road", 1, 0, 0, 0),
                  doc("east", "Ferries leave from the east pier.", "sea", 0, 1, 0, 0)));
      assertEquals(
          List.of("north", "east"),
          sources(mine.documents().nearest(new float[] {1, 0.1f, 0, 0}, 5, Map.of())));

      other.documents().remove("east");
      other.documents().ingestEmbedded(List.of(doc("west", "Westward.", "road", -1, 0, 0, 0)));
      other.documents().ingestEmbedded(List.of(doc("up", "Cable cars.", "road", 0, 0, 1, 0)));
      other.forget("north");

      List<SearchHit> hits = mine.documents().nearest(new float[] {-1, 0, 0.1f, 0}, 5, Map.of());
      assertEquals(List.of("west", "up"), sources(hits));
      assertEquals(1.0, hits.get(0).cosine().orElseThrow(), 1e-2);
      assertEquals(0.1, hits.get(1).cosine().orElseThrow(), 1e-2);
    }
  }

  @Test
  void aVectorOfAnotherLengthThanOneAnotherStoreWroteIsRefused() {
    try (MemoryStore mine = store(null);
        MemoryStore other = store(null)) {
      assertTrue(mine.documents().nearest(new float[] {1, 0, 0}, 1, Map.of()).isEmpty());
      other.documents().ingestEmbedded(List.of(doc("four", "Four.", "k", 1, 0, 0, 0)));

      assertThrows(
          DimensionMismatchException.class,
          () -> mine.documents().ingestEmbedded(List.of(doc("three", "Three.", "k", 1, 0, 0))));

      try (MemoryStore third = store(null)) {
        assertOnlyTheFourDimensionalDocumentIsStored(third);
      }
    }
  }

  private static void assertOnlyTheFourDimensionalDocumentIsStored(MemoryStore store) {
    assertTrue(store.documents().chunks("three").isEmpty());
    assertEquals(
        List.of("four"), sources(store.documents().nearest(new float[] {1, 0, 0, 0}, 5, Map.of())));
  }

  // The embedder runs outside the write transaction: another store that stores vectors of another
  // length meanwhile is noticed when the embedded ones are written.
  @Test
  void vectorsOfAnotherLengthStoredWhileEmbeddingAreNoticedAtTheWrite() {
    try (MemoryStore other = store(null)) {
      Embedder racing =
          texts -> {
            other.documents().ingestEmbedded(List.of(doc("four", "Four.", "k", 1, 0, 0, 0)));
            return texts.stream().map(t -> new float[] {1, 0, 0}).toList();
          };
      try (MemoryStore mine = store(racing)) {
        assertThrows(
            DimensionMismatchException.class,
            () -> mine.documents().ingest("three", "Three words here.", Map.of()));

        assertOnlyTheFourDimensionalDocumentIsStored(mine);
      }
    }
  }

  // More documents than one IN list holds (512), half of them replacing stored ones: every row,
  // keyword entry and vector ends up with its own document.
  @Test
  void aLargeBatchReplacingStoredDocumentsKeepsBothIndexesInStep() {
    try (MemoryStore store = store(null)) {
      Random random = new Random(5);
      assertTrue(store.documents().nearest(unit(random), 1, Map.of()).isEmpty());
      List<float[]> first = batch(store, random, 0, 600, "word");
      List<float[]> second = batch(store, random, 300, 900, "renewed");
      for (int i = 0; i < 900; i += 7) {
        String id = "d" + i;
        String word = (i < 300 ? "word" : "renewed") + i;
        float[] vector = i < 300 ? first.get(i) : second.get(i - 300);
        SearchHit near = store.documents().nearest(vector, 1, Map.of()).get(0);
        assertEquals(id, near.citation().sourceId());
        assertEquals(word + " text", near.citation().snippet());
        assertEquals(List.of(id), sources(store.documents().search(word, 3)));
        assertEquals(List.of(word + " text"), texts(store, id));
      }
      assertTrue(store.documents().search("word450", 3).isEmpty());
      assertTrue(store.documents().remove("d450"));
      assertTrue(store.documents().search("renewed450", 3).isEmpty());
      assertFalse(
          sources(store.documents().nearest(second.get(150), 1, Map.of())).contains("d450"));
    }
  }

  // Ingests documents d{from}..d{to - 1} with text "{word}{i} text" and random vectors.
  private static List<float[]> batch(
      MemoryStore store, Random random, int from, int to, String word) {
    List<float[]> vectors = new ArrayList<>();
    List<EmbeddedDocument> documents = new ArrayList<>();
    for (int i = from; i < to; i++) {
      vectors.add(unit(random));
      documents.add(
          new EmbeddedDocument(
              "d" + i, word + i + " text", Map.of("n", "" + i), vectors.get(i - from)));
    }
    store.documents().ingestEmbedded(documents);
    return vectors;
  }

  private static float[] unit(Random random) {
    float[] v = new float[8];
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }

  @Test
  void ingestingTheSameTextLaterChunksAndEmbedsIt() {
    WordEmbedder embedder = new WordEmbedder();
    try (MemoryStore store = store(embedder)) {
      store
          .documents()
          .ingestEmbedded(List.of(new EmbeddedDocument("r", REPORT, Map.of(), new float[16])));
      IngestResult again = store.documents().ingest("r", REPORT, Map.of());
      assertFalse(again.unchanged());
      assertTrue(again.chunks() > 1);
      assertTrue(embedder.texts.get() > 0);
    }
  }

  private static List<String> sources(List<SearchHit> hits) {
    return hits.stream().map(h -> h.citation().sourceId()).toList();
  }

  private static List<String> texts(MemoryStore store, String source) {
    return store.documents().chunks(source).stream().map(c -> c.text()).toList();
  }

  @Test
  void forgetRemovesTheSubjectFromEveryLayer() {
    WordEmbedder embedder = new WordEmbedder();
    try (MemoryStore store = store(embedder)) {
      String s = "report.txt";
      store.documents().ingest(s, REPORT, Map.of());
      store.facts().put(Fact.of("revenue", "grew-by", "12%", s, Fixtures.T0));
      store.graph().put(Entity.of(s, "document"));
      store.cache().put("answer-1", "12%", Duration.ofHours(1), Set.of(s), Map.of());
      store.cache().get("answer-1"); // now in the in-process level too
      store
          .events()
          .append(
              Fixtures.event("p", 1)
                  .withData(
                      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                          .objectNode()
                          .put("path", s)));
      ForgetReport report = store.forget(s);
      assertTrue(report.total() >= 5, report.toString());
      assertTrue(store.documents().chunks(s).isEmpty());
      assertTrue(store.documents().search("revenue", 5).isEmpty());
      float[] query = embedder.embed(List.of("quarterly revenue")).get(0);
      assertTrue(store.documents().nearest(query, 5, Map.of()).isEmpty());
      assertTrue(store.facts().bySubject("revenue").isEmpty());
      assertFalse(store.graph().entity(s).isPresent());
      assertFalse(store.cache().get("answer-1").isPresent());
      assertTrue(store.events().since(0, 10).get(0).redacted());
      assertTrue(store.events().verify().intact());
    }
  }

  @Test
  void pruneAppliesRetentionPerLayer() {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    RetentionPolicy policy =
        RetentionPolicy.keepAll()
            .withMaxAge(Layer.EVENTS, Duration.ofDays(1))
            .withMaxAge(Layer.DOCUMENTS, Duration.ofDays(1));
    try (MemoryStore store =
        options().clock(clock).retention(policy).chunker(new ChunkerOptions(64, 16)).build()) {
      store.events().append(Fixtures.event("p", 1)); // at T0 + 1 s
      assertTrue(store.documents().ingest("old", REPORT, Map.of()).chunks() > 1);
      clock.advance(Duration.ofDays(2));
      store.events().append(Fixtures.event("p", 200_000)); // at T0 + ~2.3 days
      store.documents().ingest("new", "new text", Map.of());
      PruneReport report = store.prune(clock.instant());
      assertEquals(1, report.removed(Layer.EVENTS));
      assertEquals(1, report.removed(Layer.DOCUMENTS)); // one document, however many chunks
      assertEquals(1, store.events().since(0, 10).size());
      assertTrue(store.events().verify().intact(), store.events().verify().toString());
      assertEquals(1, store.documents().chunks("new").size());
    }
  }
}
