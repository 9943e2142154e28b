package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.IngestResult;
import dev.olympus.memory.LimitExceededException;
import dev.olympus.memory.internal.CanonicalJson;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes documents: ingest (chunk, embed, replace in one transaction) and removal, on the {@code
 * documents} and {@code chunks} tables and the dialect's keyword index, keeping the vector index in
 * step after each commit.
 */
final class DocumentWriter {
  private final Database db;
  private final Inputs inputs;
  private final Clock clock;
  private final Chunker chunker;
  private final Optional<ChunkEmbeddings> embeddings;
  private final LoadedIndex index;

  DocumentWriter(
      Database db,
      Inputs inputs,
      Clock clock,
      Chunker chunker,
      Optional<ChunkEmbeddings> embeddings,
      LoadedIndex index) {
    this.db = db;
    this.inputs = inputs;
    this.clock = clock;
    this.chunker = chunker;
    this.embeddings = embeddings;
    this.index = index;
  }

  IngestResult ingest(String sourceId, String text, Map<String, String> metadata) {
    checkText(inputs.id(sourceId, "sourceId"), text);
    String meta =
        inputs.value(CanonicalJson.writeMap(Checks.notNull(metadata, "metadata")), "metadata");
    String contentHash = Hashes.sha256(text);
    if (storedVersion(sourceId).equals(Optional.of(contentHash + meta))) {
      return new IngestResult(sourceId, chunkCount(sourceId), 0, true);
    }
    List<Chunk> chunks = chunker.chunk(text);
    List<String> hashes = chunks.stream().map(c -> Hashes.sha256(c.text())).toList();
    ChunkEmbeddings.Found vectors =
        embeddings.map(e -> e.of(chunks, hashes)).orElse(ChunkEmbeddings.Found.NONE);
    List<Long> removed = new ArrayList<>();
    List<Long> added =
        db.write(
            "ingesting " + sourceId,
            s -> {
              removed.addAll(delete(s, sourceId));
              s.update(
                  "INSERT INTO documents(source_id, content_hash, metadata, ingested_ms)"
                      + " VALUES (?, ?, ?, ?)",
                  sourceId,
                  contentHash,
                  meta,
                  clock.millis());
              return insertChunks(s, sourceId, chunks, hashes, vectors.byHash());
            });
    index.replace(removed, sourceId, added, hashes, vectors.byHash());
    return new IngestResult(sourceId, chunks.size(), vectors.embedded(), false);
  }

  private void checkText(String sourceId, String text) {
    Checks.notNull(text, "text");
    if (text.length() > inputs.limits().maxDocumentChars()) {
      throw new LimitExceededException(
          "text of "
              + sourceId
              + " is "
              + text.length()
              + " characters, more than the limit of "
              + inputs.limits().maxDocumentChars());
    }
  }

  private Optional<String> storedVersion(String sourceId) {
    return db.read(
        "reading " + sourceId,
        s ->
            s.first(
                "SELECT content_hash || metadata FROM documents WHERE source_id = ?",
                rs -> rs.getString(1),
                sourceId));
  }

  private int chunkCount(String sourceId) {
    return db.read(
        "reading chunks",
        s ->
            s.first("SELECT count(*) FROM chunks WHERE source_id = ?", rs -> rs.getInt(1), sourceId)
                .orElse(0));
  }

  private static List<Long> insertChunks(
      Session s,
      String sourceId,
      List<Chunk> chunks,
      List<String> hashes,
      Map<String, float[]> vectors)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      float[] vector = vectors.get(hashes.get(i));
      long id =
          s.first(
                  "INSERT INTO chunks(source_id, idx, start_offset, end_offset, text, text_hash,"
                      + " embedding) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  rs -> rs.getLong(1),
                  sourceId,
                  c.index(),
                  c.start(),
                  c.end(),
                  c.text(),
                  hashes.get(i),
                  vector == null ? null : Vectors.toBlob(vector))
              .orElseThrow();
      s.dialect().indexChunk(s, id, c.text());
      ids.add(id);
    }
    return ids;
  }

  boolean remove(String sourceId) {
    Checks.notNull(sourceId, "sourceId");
    boolean[] existed = new boolean[1];
    List<Long> ids =
        db.write(
            "removing " + sourceId,
            s -> {
              existed[0] =
                  s.first("SELECT 1 FROM documents WHERE source_id = ?", rs -> 1, sourceId)
                      .isPresent();
              return delete(s, sourceId);
            });
    index.drop(ids);
    return existed[0];
  }

  /** Deletes the source, its chunks and their keyword index rows; returns the chunk ids. */
  static List<Long> delete(Session s, String sourceId) throws SQLException {
    List<Long> ids =
        s.query("SELECT id FROM chunks WHERE source_id = ?", rs -> rs.getLong(1), sourceId);
    s.dialect().unindexChunks(s, ids);
    s.update("DELETE FROM chunks WHERE source_id = ?", sourceId);
    s.update("DELETE FROM documents WHERE source_id = ?", sourceId);
    return ids;
  }

  /** Deletes the documents ingested before the cutoff into {@code sources}; returns chunk ids. */
  static List<Long> pruneBefore(Session s, long cutoffMillis, List<String> sources)
      throws SQLException {
    sources.addAll(
        s.query(
            "SELECT source_id FROM documents WHERE ingested_ms < ?",
            rs -> rs.getString(1),
            cutoffMillis));
    List<Long> ids = new ArrayList<>();
    for (String source : sources) {
      ids.addAll(delete(s, source));
    }
    return ids;
  }
}
