package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.DimensionMismatchException;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vectors of a document's chunks: the stored vector of any chunk with the same text is reused,
 * the rest are embedded in one batch and checked.
 */
final class ChunkEmbeddings {
  // The chunks whose vectors the embedder made (not a host's, which may come from another model):
  // the very condition of SQLite's partial text-hash index, so that the index serves the query.
  private static final String EMBEDDER_HASHES =
      "text_hash NOT LIKE '" + DocumentWriter.EMBEDDED_PREFIX + "%'";
  private final Database db;
  private final Embedder embedder;
  private final LoadedIndex index;

  ChunkEmbeddings(Database db, Embedder embedder, LoadedIndex index) {
    this.db = db;
    this.embedder = embedder;
    this.index = index;
  }

  /**
   * Vectors by chunk text hash, how many of them the embedder computed now, and the stored vectors'
   * length they were checked against.
   */
  record Found(Map<String, float[]> byHash, int embedded, LoadedIndex.Dimensions checked) {
    static final Found NONE = new Found(Map.of(), 0, new LoadedIndex.Dimensions(0, 0));

    /** Any one of the vectors (they all have one length), if there are any. */
    Optional<float[]> any() {
      return byHash.values().stream().findFirst();
    }
  }

  /** The length of the embedder's vectors, 0 if it does not say. */
  int dimensions() {
    return embedder.dimensions();
  }

  Found of(List<Chunk> chunks, List<String> hashes) {
    LoadedIndex.Dimensions dimensions = index.dimensions();
    Map<String, float[]> byHash = new HashMap<>(stored(new HashSet<>(hashes)));
    Map<String, String> missing = new LinkedHashMap<>();
    for (int i = 0; i < chunks.size(); i++) {
      if (!byHash.containsKey(hashes.get(i))) {
        missing.putIfAbsent(hashes.get(i), chunks.get(i).text());
      }
    }
    if (missing.isEmpty()) {
      return new Found(byHash, 0, dimensions);
    }
    List<float[]> fresh = embed(embedder, List.copyOf(missing.values()));
    int i = 0;
    for (String hash : missing.keySet()) {
      float[] vector = fresh.get(i++);
      String what = "embedding of chunk " + hash.substring(0, 12);
      checked(vector, what, dimensions);
      // Until a length is stored, the batch's first vector sets it for the others.
      if (dimensions.length() == 0) {
        dimensions = new LoadedIndex.Dimensions(vector.length, dimensions.epoch());
      }
      byHash.put(hash, vector);
    }
    return new Found(byHash, missing.size(), dimensions);
  }

  /**
   * The vectors {@code embedder} returns for {@code texts}, one per text.
   *
   * @throws IllegalStateException if it returns null or another number of vectors
   */
  static List<float[]> embed(Embedder embedder, List<String> texts) {
    List<float[]> vectors = embedder.embed(texts);
    if (vectors == null || vectors.size() != texts.size()) {
      throw new IllegalStateException(
          "the embedder returned "
              + (vectors == null ? "null" : vectors.size() + " vectors")
              + " for "
              + texts.size()
              + " texts");
    }
    return vectors;
  }

  /**
   * {@code vector}, if it is a usable vector (present, not empty, finite). The embedder is the
   * host's code: a bad vector from it is a broken embedder, not a bad argument.
   *
   * @throws IllegalStateException if it is not
   */
  static float[] usable(float[] vector, String what) {
    if (vector == null) {
      throw new IllegalStateException("the embedder returned null for the " + what);
    }
    try {
      return Inputs.vector(vector, what);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the embedder returned a bad vector: " + e.getMessage(), e);
    }
  }

  private void checked(float[] vector, String what, LoadedIndex.Dimensions stored) {
    usable(vector, what);
    stored.check(vector, what);
    int dimensions = embedder.dimensions();
    if (dimensions > 0 && dimensions != vector.length) {
      throw new DimensionMismatchException(what, dimensions, vector.length);
    }
  }

  private Map<String, float[]> stored(Set<String> hashes) {
    Map<String, float[]> found = new HashMap<>();
    List<String> all = List.copyOf(hashes);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> part = all.subList(from, Math.min(all.size(), from + 500));
      String in = String.join(", ", Collections.nCopies(part.size(), "?"));
      db.read(
              "reading vectors",
              s ->
                  s.query(
                      "SELECT text_hash, embedding FROM chunks WHERE embedding IS NOT NULL"
                          + " AND text_hash IN ("
                          + in
                          + ") AND "
                          + EMBEDDER_HASHES,
                      rs -> Map.entry(rs.getString(1), Vectors.fromBlob(rs.getBytes(2))),
                      part.toArray()))
          .forEach(e -> found.put(e.getKey(), e.getValue()));
    }
    return found;
  }
}
