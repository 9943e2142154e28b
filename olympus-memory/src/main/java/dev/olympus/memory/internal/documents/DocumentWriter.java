package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.DimensionMismatchException;
import dev.olympus.memory.EmbeddedDocument;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes documents: ingest (chunk, embed, replace in one transaction) and removal, on the {@code
 * documents} and {@code chunks} tables and the dialect's keyword index, keeping the vector index in
 * step after each commit.
 */
final class DocumentWriter {
  // Marks the content hash of a document stored with its own vector, so that a later ingest of the
  // same text is not taken for a no-op: that one chunks and embeds. Its chunk's text hash carries
  // the same mark, so the embedder never reuses a host's vector (ChunkEmbeddings) and the SQLite
  // text-hash index, which leaves such chunks out, is not written by a bulk ingest.
  static final String EMBEDDED_PREFIX = "vector:";
  private static final Session.Row<Long> CHUNK_ID = rs -> rs.getLong(1);
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
    List<Long> added = new ArrayList<>();
    long epoch =
        db.write(
            "ingesting " + sourceId,
            s -> {
              long after = advance(s, vectors.checked(), vectors.any(), sourceId);
              removed.addAll(delete(s, sourceId, new ArrayList<>()));
              s.update(
                  "INSERT INTO documents(source_id, content_hash, metadata, ingested_ms)"
                      + " VALUES (?, ?, ?, ?)",
                  sourceId,
                  contentHash,
                  meta,
                  clock.millis());
              added.addAll(insertChunks(s, sourceId, chunks, hashes, vectors.byHash()));
              return after;
            });
    index.replace(epoch, removed, sourceId, added, hashes, vectors.byHash());
    return new IngestResult(sourceId, chunks.size(), vectors.embedded(), false);
  }

  // Moves the chunk epoch on, checking again a vector that is about to be stored if another writer
  // changed the chunks since its length was checked.
  private long advance(
      Session s, LoadedIndex.Dimensions checked, Optional<float[]> vector, String what)
      throws SQLException {
    return vector.isPresent()
        ? index.advance(s, checked, vector.get(), "vectors of " + what)
        : LoadedIndex.advance(s);
  }

  /** A checked {@link EmbeddedDocument}, ready to write. */
  private record Embedded(
      String id, String text, String metadata, String textHash, float[] vector) {}

  void ingestEmbedded(List<EmbeddedDocument> documents) {
    inputs.batch(documents, "documents");
    LoadedIndex.Dimensions stored = index.dimensions();
    List<Embedded> checked = checked(documents, stored.length());
    if (checked.isEmpty()) {
      return;
    }
    List<String> sources = checked.stream().map(Embedded::id).toList();
    List<Long> removed = new ArrayList<>();
    List<Long> added = new ArrayList<>();
    long epoch =
        db.write(
            "ingesting " + checked.size() + " documents with vectors",
            s -> {
              long after = advance(s, stored, Optional.of(checked.get(0).vector()), "documents[0]");
              removed.addAll(deleteChunks(s, sources));
              upsertDocuments(s, checked);
              added.addAll(insertEmbedded(s, checked));
              return after;
            });
    index.replaceAll(
        epoch, removed, added, sources, checked.stream().map(Embedded::vector).toList());
  }

  // Every document checked (ids, sizes, vectors and their common length, which is the stored
  // vectors' unless none is stored) before anything is written.
  private List<Embedded> checked(List<EmbeddedDocument> documents, int storedLength) {
    Set<String> ids = new HashSet<>();
    List<Embedded> checked = new ArrayList<>(documents.size());
    int dimensions = storedLength;
    int embedder = embeddings.map(ChunkEmbeddings::dimensions).orElse(0);
    for (int i = 0; i < documents.size(); i++) {
      EmbeddedDocument d = documents.get(i);
      String name = "documents[" + i + "]";
      String id = inputs.id(d.id(), name + ".id");
      if (!ids.add(id)) {
        throw new IllegalArgumentException(name + ".id " + id + " appears twice in the batch");
      }
      checkText(id, d.text());
      float[] vector = Inputs.vector(d.vector(), name + ".vector");
      dimensions = dimensions == 0 ? vector.length : dimensions;
      if (vector.length != dimensions) {
        throw new DimensionMismatchException(name + ".vector", dimensions, vector.length);
      }
      if (embedder != 0 && vector.length != embedder) {
        throw new DimensionMismatchException(name + ".vector", embedder, vector.length);
      }
      String meta = inputs.value(CanonicalJson.writeMap(d.metadata()), name + ".metadata");
      checked.add(new Embedded(id, d.text(), meta, Hashes.sha256(d.text()), vector));
    }
    return checked;
  }

  // One indexed read per new id (in IN lists); the chunks and their keyword rows of existing ones.
  private static List<Long> deleteChunks(Session s, List<String> sources) throws SQLException {
    List<Long> ids =
        InLists.query(
            s, in -> "SELECT id FROM chunks WHERE source_id IN (" + in + ")", sources, CHUNK_ID);
    if (!ids.isEmpty()) {
      s.dialect().unindexChunks(s, ids);
      InLists.update(s, in -> "DELETE FROM chunks WHERE id IN (" + in + ")", ids);
    }
    return ids;
  }

  private void upsertDocuments(Session s, List<Embedded> documents) throws SQLException {
    long now = clock.millis();
    List<Object[]> rows = new ArrayList<>(documents.size());
    for (Embedded d : documents) {
      rows.add(new Object[] {d.id(), EMBEDDED_PREFIX + d.textHash(), d.metadata(), now});
    }
    s.updateAll(
        "INSERT INTO documents(source_id, content_hash, metadata, ingested_ms) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT(source_id) DO UPDATE SET content_hash = excluded.content_hash,"
            + " metadata = excluded.metadata, ingested_ms = excluded.ingested_ms",
        rows);
  }

  // Each document as one chunk, inserted in one JDBC batch; their ids are read back by source (a
  // batch cannot return generated keys portably), then their texts go to the keyword index.
  private static List<Long> insertEmbedded(Session s, List<Embedded> documents)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>(documents.size());
    for (Embedded d : documents) {
      rows.add(
          new Object[] {
            d.id(),
            0,
            0,
            d.text().length(),
            d.text(),
            EMBEDDED_PREFIX + d.textHash(),
            Vectors.toBlob(d.vector())
          });
    }
    s.updateAll(
        "INSERT INTO chunks(source_id, idx, start_offset, end_offset, text, text_hash, embedding)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows);
    Map<String, Long> bySource = new HashMap<>();
    List<String> sources = documents.stream().map(Embedded::id).toList();
    for (Map.Entry<String, Long> e :
        InLists.query(
            s,
            in -> "SELECT source_id, id FROM chunks WHERE source_id IN (" + in + ")",
            sources,
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))) {
      bySource.put(e.getKey(), e.getValue());
    }
    List<Long> ids = sources.stream().map(bySource::get).toList();
    s.dialect().indexChunks(s, ids, documents.stream().map(Embedded::text).toList());
    return ids;
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
      ids.add(insertChunk(s, sourceId, chunks.get(i), hashes.get(i), vectors.get(hashes.get(i))));
    }
    return ids;
  }

  // Inserts the chunk (its vector may be null) and indexes its text; returns its id.
  private static long insertChunk(
      Session s, String sourceId, Chunk c, String textHash, float[] vector) throws SQLException {
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
                textHash,
                vector == null ? null : Vectors.toBlob(vector))
            .orElseThrow();
    s.dialect().indexChunk(s, id, c.text());
    return id;
  }

  boolean remove(String sourceId) {
    Checks.notNull(sourceId, "sourceId");
    List<String> removed = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    long epoch =
        db.write(
            "removing " + sourceId,
            s -> {
              ids.addAll(delete(s, sourceId, removed));
              return ids.isEmpty() ? LoadedIndex.UNCHANGED : LoadedIndex.advance(s);
            });
    index.drop(epoch, ids);
    return !removed.isEmpty();
  }

  /**
   * Deletes the source, its chunks and their keyword index rows, adding the source to {@code
   * removed} if it existed; returns the chunk ids.
   */
  static List<Long> delete(Session s, String sourceId, List<String> removed) throws SQLException {
    List<Long> ids =
        s.query("SELECT id FROM chunks WHERE source_id = ?", rs -> rs.getLong(1), sourceId);
    s.dialect().unindexChunks(s, ids);
    s.update("DELETE FROM chunks WHERE source_id = ?", sourceId);
    if (s.update("DELETE FROM documents WHERE source_id = ?", sourceId) > 0) {
      removed.add(sourceId);
    }
    return ids;
  }

  /** Deletes the documents ingested before the cutoff into {@code sources}; returns chunk ids. */
  static List<Long> pruneBefore(Session s, long cutoffMillis, List<String> sources)
      throws SQLException {
    List<String> old =
        s.query(
            "SELECT source_id FROM documents WHERE ingested_ms < ?",
            rs -> rs.getString(1),
            cutoffMillis);
    List<Long> ids = new ArrayList<>();
    for (String source : old) {
      ids.addAll(delete(s, source, sources));
    }
    return ids;
  }
}
