package dev.olympus.memory.internal;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.Citation;
import dev.olympus.memory.DimensionMismatchException;
import dev.olympus.memory.DocumentStore;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.IngestResult;
import dev.olympus.memory.LimitExceededException;
import dev.olympus.memory.SearchHit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Documents on the {@code documents}, {@code chunks} and {@code chunks_fts} tables, with the
 * vectors mirrored in a lazily loaded {@link VectorIndex}.
 */
final class SqlDocuments implements DocumentStore {
  private static final String CHUNK_COLUMNS =
      "c.id, c.source_id, c.idx, c.start_offset, c.end_offset, c.text";

  private final Database db;
  private final Inputs inputs;
  private final Clock clock;
  private final Chunker chunker;
  private final Optional<Embedder> embedder;
  private final VectorIndex index;
  private boolean indexLoaded; // guarded by this

  SqlDocuments(
      Database db, Inputs inputs, Clock clock, Chunker chunker, Optional<Embedder> embedder) {
    this.db = db;
    this.inputs = inputs;
    this.clock = clock;
    this.chunker = chunker;
    this.embedder = embedder;
    this.index = new VectorIndex(embedder.map(Embedder::dimensions).orElse(0));
  }

  /** A stored chunk row. */
  record Row(long id, String sourceId, Chunk chunk) {
    Citation citation() {
      return new Citation(sourceId, chunk.index(), chunk.start(), chunk.end(), chunk.text());
    }
  }

  @Override
  public IngestResult ingest(String sourceId, String text, Map<String, String> metadata) {
    inputs.id(sourceId, "sourceId");
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
    String meta =
        inputs.value(CanonicalJson.writeMap(Checks.notNull(metadata, "metadata")), "metadata");
    String contentHash = Hashes.sha256(text);
    Optional<String> stored = storedVersion(sourceId);
    if (stored.equals(Optional.of(contentHash + meta))) {
      return new IngestResult(sourceId, chunks(sourceId).size(), 0, true);
    }
    List<Chunk> chunks = chunker.chunk(text);
    List<String> hashes = chunks.stream().map(c -> Hashes.sha256(c.text())).toList();
    Embeddings embeddings =
        embedder.isPresent() ? embed(chunks, hashes) : new Embeddings(Map.of(), 0);
    Map<String, float[]> vectors = embeddings.byHash();
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
              return insertChunks(s, sourceId, chunks, hashes, vectors);
            });
    syncIndex(removed, sourceId, added, hashes, vectors);
    return new IngestResult(sourceId, chunks.size(), embeddings.embedded(), false);
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

  /** Vectors by chunk text hash, and how many of them the embedder computed now. */
  record Embeddings(Map<String, float[]> byHash, int embedded) {}

  // Reuses the stored vector of any chunk with the same text; embeds the rest in one batch.
  private Embeddings embed(List<Chunk> chunks, List<String> hashes) {
    loadIndex();
    Map<String, float[]> byHash = new HashMap<>(storedVectors(new HashSet<>(hashes)));
    Map<String, String> missing = new java.util.LinkedHashMap<>();
    for (int i = 0; i < chunks.size(); i++) {
      if (!byHash.containsKey(hashes.get(i))) {
        missing.putIfAbsent(hashes.get(i), chunks.get(i).text());
      }
    }
    if (missing.isEmpty()) {
      return new Embeddings(byHash, 0);
    }
    List<float[]> fresh = embedder.orElseThrow().embed(List.copyOf(missing.values()));
    if (fresh == null || fresh.size() != missing.size()) {
      throw new IllegalStateException(
          "the embedder returned "
              + (fresh == null ? "null" : fresh.size() + " vectors")
              + " for "
              + missing.size()
              + " texts");
    }
    int i = 0;
    for (String hash : missing.keySet()) {
      byHash.put(hash, checked(fresh.get(i++), "embedding of chunk " + hash.substring(0, 12)));
    }
    return new Embeddings(byHash, missing.size());
  }

  // The embedder is the host's code: a bad vector from it is a broken embedder, not a bad argument.
  private float[] checked(float[] vector, String what) {
    try {
      Inputs.vector(vector, what);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the embedder returned a bad vector: " + e.getMessage(), e);
    }
    index.checkDimensions(vector, what);
    embedder
        .map(Embedder::dimensions)
        .filter(d -> d > 0 && d != vector.length)
        .ifPresent(
            d -> {
              throw new DimensionMismatchException(what, d, vector.length);
            });
    return vector;
  }

  private Map<String, float[]> storedVectors(Set<String> hashes) {
    Map<String, float[]> found = new HashMap<>();
    List<String> all = List.copyOf(hashes);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> part = all.subList(from, Math.min(all.size(), from + 500));
      String in = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
      db.read(
              "reading vectors",
              s ->
                  s.query(
                      "SELECT text_hash, embedding FROM chunks WHERE embedding IS NOT NULL"
                          + " AND text_hash IN ("
                          + in
                          + ")",
                      rs -> Map.entry(rs.getString(1), Vectors.fromBlob(rs.getBytes(2))),
                      part.toArray()))
          .forEach(e -> found.put(e.getKey(), e.getValue()));
    }
    return found;
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

  /** Deletes the source, its chunks and their FTS rows; returns the chunk ids. */
  static List<Long> delete(Session s, String sourceId) throws SQLException {
    List<Long> ids =
        s.query("SELECT id FROM chunks WHERE source_id = ?", rs -> rs.getLong(1), sourceId);
    s.dialect().unindexChunks(s, ids);
    s.update("DELETE FROM chunks WHERE source_id = ?", sourceId);
    s.update("DELETE FROM documents WHERE source_id = ?", sourceId);
    return ids;
  }

  /** Deletes the documents ingested before the cutoff; returns their chunk ids. */
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

  private void syncIndex(
      List<Long> removed,
      String sourceId,
      List<Long> added,
      List<String> hashes,
      Map<String, float[]> vectors) {
    synchronized (this) {
      if (!indexLoaded) {
        return;
      }
      removed.forEach(index::remove);
      for (int i = 0; i < added.size(); i++) {
        float[] vector = vectors.get(hashes.get(i));
        if (vector != null) {
          index.put(added.get(i), sourceId, vector);
        }
      }
    }
  }

  /** Drops removed chunks from the in-memory index (after the delete committed). */
  void dropFromIndex(List<Long> ids) {
    synchronized (this) {
      if (indexLoaded) {
        ids.forEach(index::remove);
      }
    }
  }

  private VectorIndex loadIndex() {
    synchronized (this) {
      if (!indexLoaded) {
        db.read("loading vectors", this::streamIntoIndex);
        indexLoaded = true;
      }
      return index;
    }
  }

  // Each row goes straight into the index through one reused buffer, so loading holds no second
  // copy of the vectors.
  private Void streamIntoIndex(Session s) throws SQLException {
    PreparedStatement select =
        s.prepare(
            "SELECT id, source_id, embedding FROM chunks WHERE embedding IS NOT NULL ORDER BY id");
    float[] buffer = new float[0];
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        buffer = Vectors.fromBlob(rs.getBytes(3), buffer);
        index.put(rs.getLong(1), rs.getString(2), buffer);
      }
    }
    return null;
  }

  @Override
  public List<SearchHit> search(String query, int k, Map<String, String> filter) {
    Checks.notNull(query, "query");
    Checks.positive(k, "k");
    Checks.notNull(filter, "filter");
    int depth = embedder.isPresent() ? Math.max(k * 4, 20) : k;
    List<SearchHit> keyword = keyword(query, depth, filter);
    if (embedder.isEmpty() || query.isBlank()) {
      return keyword.subList(0, Math.min(k, keyword.size()));
    }
    float[] vector = embedder.get().embed(List.of(query)).get(0);
    List<SearchHit> semantic = nearest(vector, depth, filter);
    return Fusion.reciprocalRank(keyword, semantic, k);
  }

  private List<SearchHit> keyword(String query, int k, Map<String, String> filter) {
    Optional<String> match = db.dialect().keywordQuery(query);
    if (match.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(List.of(match.get()));
    String where = filterSql(filter, args);
    args.add(k);
    String sql = db.dialect().keywordSearch(CHUNK_COLUMNS, where, !filter.isEmpty());
    return db.read(
        "searching documents",
        s ->
            s.query(
                sql,
                rs ->
                    new SearchHit(
                        row(rs).citation(),
                        rs.getDouble(7),
                        OptionalDouble.of(rs.getDouble(8)),
                        OptionalDouble.empty()),
                args.toArray()));
  }

  // Sources whose metadata holds every entry of the filter.
  private String filterSql(Map<String, String> filter, List<Object> args) {
    StringBuilder sql = new StringBuilder();
    filter.forEach(
        (key, value) -> {
          sql.append(
              " AND EXISTS (SELECT 1 FROM documents d WHERE d.source_id = c.source_id AND "
                  + db.dialect().metadataEntry()
                  + ")");
          args.add(key);
          args.add(value);
        });
    return sql.toString();
  }

  private static Row row(ResultSet rs) throws SQLException {
    int start = rs.getInt(4);
    return new Row(
        rs.getLong(1),
        rs.getString(2),
        new Chunk(rs.getInt(3), start, rs.getInt(5), rs.getString(6)));
  }

  @Override
  public List<SearchHit> nearest(float[] vector, int k, Map<String, String> filter) {
    Inputs.vector(vector, "vector");
    Checks.positive(k, "k");
    Checks.notNull(filter, "filter");
    VectorIndex loaded = loadIndex();
    Set<String> allowed = filter.isEmpty() ? null : sourcesMatching(filter);
    List<VectorIndex.Scored> top =
        loaded.top(vector, k, allowed == null ? null : allowed::contains);
    Map<Long, Row> rows = rowsById(top.stream().map(VectorIndex.Scored::id).toList());
    List<SearchHit> hits = new ArrayList<>();
    for (VectorIndex.Scored scored : top) {
      Row row = rows.get(scored.id());
      if (row != null) {
        hits.add(
            new SearchHit(
                row.citation(),
                scored.score(),
                OptionalDouble.empty(),
                OptionalDouble.of(scored.score())));
      }
    }
    return hits;
  }

  private Set<String> sourcesMatching(Map<String, String> filter) {
    List<Object> args = new ArrayList<>();
    String where = filterSql(filter, args);
    return new HashSet<>(
        db.read(
            "filtering documents",
            s ->
                s.query(
                    "SELECT c.source_id FROM documents c WHERE 1 = 1" + where,
                    rs -> rs.getString(1),
                    args.toArray())));
  }

  private Map<Long, Row> rowsById(List<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    String in = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    Map<Long, Row> rows = new HashMap<>();
    db.read(
            "reading chunks",
            s ->
                s.query(
                    "SELECT " + CHUNK_COLUMNS + " FROM chunks c WHERE c.id IN (" + in + ")",
                    SqlDocuments::row,
                    ids.toArray()))
        .forEach(r -> rows.put(r.id(), r));
    return rows;
  }

  @Override
  public List<Chunk> chunks(String sourceId) {
    Checks.notNull(sourceId, "sourceId");
    return db.read(
        "reading chunks",
        s ->
            s.query(
                "SELECT " + CHUNK_COLUMNS + " FROM chunks c WHERE c.source_id = ? ORDER BY c.idx",
                rs -> row(rs).chunk(),
                sourceId));
  }

  @Override
  public boolean remove(String sourceId) {
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
    dropFromIndex(ids);
    return existed[0];
  }
}
