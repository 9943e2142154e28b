package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.DocumentStore;
import dev.olympus.memory.EmbeddedDocument;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.IngestResult;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents on the {@code documents} and {@code chunks} tables and the dialect's keyword index,
 * with the vectors mirrored in a lazily loaded {@link VectorIndex}: writing is {@link
 * DocumentWriter}'s job, searching {@link DocumentSearch}'s, the index's lifecycle {@link
 * LoadedIndex}'s.
 */
public final class SqlDocuments implements DocumentStore {
  private final LoadedIndex index;
  private final DocumentWriter writer;
  private final DocumentSearch search;

  /**
   * The documents of {@code db}, chunked by {@code chunker}, embedded by {@code embedder}, their
   * vectors searched with an int8 first pass if {@code quantize}.
   */
  public SqlDocuments(
      Database db,
      Inputs inputs,
      Clock clock,
      Chunker chunker,
      Optional<Embedder> embedder,
      boolean quantize) {
    this.index = new LoadedIndex(db, embedder.map(Embedder::dimensions).orElse(0), quantize);
    this.writer =
        new DocumentWriter(
            db,
            inputs,
            clock,
            chunker,
            embedder.map(e -> new ChunkEmbeddings(db, e, index)),
            index);
    this.search = new DocumentSearch(db, embedder, index);
  }

  @Override
  public IngestResult ingest(String sourceId, String text, Map<String, String> metadata) {
    return writer.ingest(sourceId, text, metadata);
  }

  @Override
  public void ingestEmbedded(List<EmbeddedDocument> documents) {
    writer.ingestEmbedded(documents);
  }

  @Override
  public List<SearchHit> search(String query, int k, Map<String, String> filter) {
    return search.search(query, k, filter);
  }

  @Override
  public List<SearchHit> nearest(float[] vector, int k, Map<String, String> filter) {
    return search.nearest(vector, k, filter);
  }

  @Override
  public List<Chunk> chunks(String sourceId) {
    return search.chunks(sourceId);
  }

  @Override
  public boolean remove(String sourceId) {
    return writer.remove(sourceId);
  }

  /**
   * Deletes the source, its chunks and their keyword index rows, adding the source to {@code
   * removed} if it existed; returns the chunk ids.
   */
  public static List<Long> delete(Session s, String sourceId, List<String> removed)
      throws SQLException {
    return DocumentWriter.delete(s, sourceId, removed);
  }

  /** Deletes the documents ingested before the cutoff into {@code sources}; returns chunk ids. */
  public static List<Long> pruneBefore(Session s, long cutoffMillis, List<String> sources)
      throws SQLException {
    return DocumentWriter.pruneBefore(s, cutoffMillis, sources);
  }

  /** The chunk epoch of a write that deleted no chunk. */
  public static final long UNCHANGED = LoadedIndex.UNCHANGED;

  /**
   * Inside the write transaction that deleted {@code ids} (from {@link #delete} or {@link
   * #pruneBefore}): records that the chunks changed, so that every store's vector index learns of
   * it. Returns what {@link #dropFromIndex} takes after the commit ({@link #UNCHANGED} when {@code
   * ids} is empty).
   */
  public static long deleted(Session s, List<Long> ids) throws SQLException {
    return ids.isEmpty() ? LoadedIndex.UNCHANGED : LoadedIndex.advance(s);
  }

  /**
   * Drops removed chunks from the in-memory index (after the delete that {@link #deleted} gave
   * {@code epoch} committed).
   */
  public void dropFromIndex(long epoch, List<Long> ids) {
    index.drop(epoch, ids);
  }
}
