package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.internal.sqlite.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk storage of V7: the keyword index reads the text from the chunks (FTS5 external
 * content), and a vector the host gave stays out of the embedder's reuse by text hash.
 */
class ChunkStorageTest {
  private static final String ONES = "x'0000803f0000803f0000803f0000803f'"; // 4 × 1.0f, LE

  @TempDir Path dir;

  /** Four dimensions, counting the texts it embeds. */
  private static final class CountingEmbedder implements Embedder {
    final AtomicInteger texts = new AtomicInteger();

    @Override
    public List<float[]> embed(List<String> batch) {
      texts.addAndGet(batch.size());
      return batch.stream().map(t -> new float[] {1, 0, 0, 0}).toList();
    }

    @Override
    public int dimensions() {
      return 4;
    }
  }

  @Test
  void theEmbedderDoesNotReuseAHostsVectorForTheSameText() {
    CountingEmbedder embedder = new CountingEmbedder();
    try (MemoryStore store =
        SqliteMemoryStore.builder().path(dir.resolve("reuse.db")).embedder(embedder).build()) {
      store
          .documents()
          .ingestEmbedded(
              List.of(
                  new EmbeddedDocument("host", "alpha beta", Map.of(), new float[] {0, 1, 0, 0})));
      IngestResult mine = store.documents().ingest("mine", "alpha beta", Map.of());
      assertEquals(1, mine.embedded());
      assertEquals(1, embedder.texts.get());
      List<SearchHit> nearest = store.documents().nearest(new float[] {1, 0, 0, 0}, 1, Map.of());
      assertEquals("mine", nearest.get(0).citation().sourceId());
      assertEquals(0, store.documents().ingest("again", "alpha beta", Map.of()).embedded());
    }
  }

  @Test
  void aVersionSixFileIsUpgradedWithItsDocumentsSearchable() throws SQLException {
    Path file = dir.resolve("v6.db");
    Migrations.migrateTo(file, 6);
    Fixtures.sql(
        file,
        "INSERT INTO documents VALUES ('host', 'vector:h1', '{}', 0), ('mine', 'h2', '{}', 0)",
        "INSERT INTO chunks VALUES (1, 'host', 0, 0, 10, 'alpha beta', 'h1', "
            + ONES
            + "),"
            + " (2, 'mine', 0, 0, 11, 'gamma delta', 'h2', "
            + ONES
            + ")",
        "INSERT INTO chunks_fts(rowid, text) VALUES (1, 'alpha beta'), (2, 'gamma delta')");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      assertEquals(List.of("host"), sources(store.documents().search("alpha", 5, Map.of())));
      assertEquals(List.of("mine"), sources(store.documents().search("delta", 5, Map.of())));
      assertEquals(2, store.documents().nearest(new float[] {1, 1, 1, 1}, 5, Map.of()).size());
    }
    assertEquals(
        List.of("vector:h1", "h2"), column(file, "SELECT text_hash FROM chunks ORDER BY id"));
    assertIndexMatchesChunks(file);
  }

  @Test
  void theKeywordIndexStaysInStepWithTheChunksThroughReplaceRemoveAndForget() throws SQLException {
    Path file = dir.resolve("step.db");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      store.documents().ingest("a", "the old text of a", Map.of());
      store.documents().ingest("a", "the new text of a", Map.of());
      store
          .documents()
          .ingestEmbedded(
              List.of(
                  new EmbeddedDocument("b", "first words of b", Map.of(), new float[] {1, 0}),
                  new EmbeddedDocument("c", "words of c", Map.of(), new float[] {0, 1})));
      store
          .documents()
          .ingestEmbedded(
              List.of(
                  new EmbeddedDocument("b", "second words of b", Map.of(), new float[] {1, 1})));
      store.documents().remove("c");
      store.forget("a");
      assertEquals(List.of(), sources(store.documents().search("old new first", 5, Map.of())));
      assertEquals(List.of("b"), sources(store.documents().search("words", 5, Map.of())));
    }
    assertIndexMatchesChunks(file);
    assertEquals(
        List.of("1"),
        column(file, "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'words'"));
  }

  // FTS5's integrity check compares every index entry with the text in the chunks table.
  private static void assertIndexMatchesChunks(Path file) {
    Fixtures.sql(file, "INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('integrity-check', 1)");
  }

  private static List<String> sources(List<SearchHit> hits) {
    return hits.stream().map(h -> h.citation().sourceId()).toList();
  }

  private static List<String> column(Path file, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    assertTrue(values.size() < 100);
    return values;
  }
}
