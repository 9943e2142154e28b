package dev.olympus.memory;

import java.util.List;
import java.util.Map;

/**
 * Documents for retrieval-augmented generation: {@link #ingest} splits a text into overlapping
 * chunks (see {@link ChunkerOptions}) and indexes them for keyword search with SQLite FTS5 (BM25),
 * which needs no model. When the store has an {@link Embedder}, chunks are also embedded and {@link
 * #search} fuses BM25 and cosine rankings by reciprocal rank fusion. Every hit carries a {@link
 * Citation}.
 *
 * <pre>{@code
 * memory.documents().ingest("report.txt", text, Map.of("project", "olympus"));
 * for (SearchHit hit : memory.documents().search("budget overrun", 5)) {
 *   System.out.println(hit.citation().sourceId() + " " + hit.citation().snippet());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Embedding runs outside the write transaction, so a slow model does not block
 * other writers.
 */
public interface DocumentStore {

  /**
   * Indexes {@code text} as source {@code sourceId}, replacing what was stored for it. Unchanged
   * text (same content hash and metadata) is a no-op; chunks whose text did not change keep their
   * vectors and are not embedded again.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the id is blank
   * @throws LimitExceededException if the id is too long, or the text or metadata too large
   * @throws IllegalStateException if the embedder returns a wrong number of vectors or a vector
   *     with NaN or infinity
   * @throws DimensionMismatchException if the embedder returns vectors of another length
   */
  IngestResult ingest(String sourceId, String text, Map<String, String> metadata);

  /**
   * Stores documents with the vectors the host computed, under the host's own ids, in one
   * transaction: each becomes one chunk (its whole text, not split) with its vector, indexed for
   * keyword search like any other, replacing whatever was stored under its id. The embedder, if
   * any, is not called, and never takes these vectors for chunks of the same text that it is asked
   * to embed later (they may come from another model). Everything is checked before anything is
   * written; on any exception nothing is written. For large imports, batches of a few thousand
   * documents.
   *
   * @throws NullPointerException if the list or an element is null
   * @throws IllegalArgumentException if an id is blank, two documents share an id, or a vector is
   *     empty or holds NaN or infinity
   * @throws LimitExceededException if the list holds more than {@link MemoryLimits#maxBatchSize()}
   *     documents, or an id, a text or metadata is too large
   * @throws DimensionMismatchException if a vector's length differs from the stored vectors', the
   *     embedder's or the first vector's of the batch
   */
  void ingestEmbedded(List<EmbeddedDocument> documents);

  /**
   * The {@code k} best chunks for {@code query}: BM25 alone, or fused with cosine similarity when
   * an embedder is configured.
   *
   * @throws NullPointerException if {@code query} is null
   * @throws IllegalArgumentException if {@code k} is not positive
   * @throws IllegalStateException if the embedder returns a wrong number of vectors, or a vector
   *     that is null, empty or holds NaN or infinity
   * @throws DimensionMismatchException if the embedder returns a vector of another length than the
   *     stored ones
   */
  default List<SearchHit> search(String query, int k) {
    return search(query, k, Map.of());
  }

  /**
   * As {@link #search(String, int)}, restricted to sources whose metadata contains every entry of
   * {@code filter}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code k} is not positive
   * @throws IllegalStateException as {@link #search(String, int)}
   * @throws DimensionMismatchException as {@link #search(String, int)}
   */
  List<SearchHit> search(String query, int k, Map<String, String> filter);

  /**
   * The {@code k} chunks whose vectors are most similar (cosine) to {@code vector}, restricted to
   * sources whose metadata contains every entry of {@code filter}, with their exact cosine scores.
   * The store's {@link VectorSearch} says how they are found: by scoring every vector exactly, or
   * (the default, from 20,000 vectors) by an int8 first pass and exact rescoring of the close ones.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code k} is not positive, or the vector is empty or
   *     contains NaN or infinity
   * @throws DimensionMismatchException if its length differs from the stored vectors'
   */
  List<SearchHit> nearest(float[] vector, int k, Map<String, String> filter);

  /**
   * The chunks of {@code sourceId}, in order.
   *
   * @throws NullPointerException if {@code sourceId} is null
   */
  List<Chunk> chunks(String sourceId);

  /**
   * Removes the source, its chunks and their vectors; returns true if it existed.
   *
   * @throws NullPointerException if {@code sourceId} is null
   */
  boolean remove(String sourceId);
}
