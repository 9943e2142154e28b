package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.SearchHit;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads documents: keyword search in the dialect's index, exact vector search in the loaded index
 * (or in the database, where the dialect ranks vectors), both fused by reciprocal rank when an
 * embedder is configured, and a document's chunks.
 */
final class DocumentSearch {
  private final Database db;
  private final Optional<Embedder> embedder;
  private final LoadedIndex index;

  DocumentSearch(Database db, Optional<Embedder> embedder, LoadedIndex index) {
    this.db = db;
    this.embedder = embedder;
    this.index = index;
  }

  List<SearchHit> search(String query, int k, Map<String, String> filter) {
    Checks.notNull(query, "query");
    Checks.positive(k, "k");
    Checks.notNull(filter, "filter");
    int depth = embedder.isPresent() ? (int) Math.min(Integer.MAX_VALUE, Math.max(4L * k, 20)) : k;
    List<SearchHit> keyword = keyword(query, depth, filter);
    if (embedder.isEmpty() || query.isBlank()) {
      return keyword.subList(0, Math.min(k, keyword.size()));
    }
    float[] vector =
        ChunkEmbeddings.usable(
            ChunkEmbeddings.embed(embedder.get(), List.of(query)).get(0), "embedding of the query");
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
    String sql = db.dialect().keywordSearch(ChunkRow.COLUMNS, where, !filter.isEmpty());
    return db.read(
        "searching documents",
        s ->
            s.query(
                sql,
                rs ->
                    new SearchHit(
                        ChunkRow.read(rs).citation(),
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

  List<SearchHit> nearest(float[] vector, int k, Map<String, String> filter) {
    Inputs.vector(vector, "vector");
    Checks.positive(k, "k");
    Checks.notNull(filter, "filter");
    List<VectorIndex.Scored> top =
        inDatabase(vector, k, filter).orElseGet(() -> inMemory(vector, k, filter));
    Map<Long, ChunkRow> rows = rowsById(top.stream().map(VectorIndex.Scored::id).toList());
    List<SearchHit> hits = new ArrayList<>();
    for (VectorIndex.Scored scored : top) {
      ChunkRow row = rows.get(scored.id());
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

  private List<VectorIndex.Scored> inMemory(float[] vector, int k, Map<String, String> filter) {
    Set<String> allowed = filter.isEmpty() ? null : sourcesMatching(filter);
    return index.get().top(vector, k, allowed == null ? null : allowed::contains);
  }

  // Where the database ranks vectors itself (PostgreSQL with pgvector).
  private Optional<List<VectorIndex.Scored>> inDatabase(
      float[] vector, int k, Map<String, String> filter) {
    List<Object> args = new ArrayList<>();
    args.add(vector);
    String where = filterSql(filter, args);
    args.add(k);
    return db.dialect()
        .nearestSearch(where)
        .map(
            sql ->
                db.read(
                    "searching vectors",
                    s ->
                        s.query(
                            sql,
                            rs -> new VectorIndex.Scored(rs.getLong(1), rs.getFloat(2)),
                            args.toArray())));
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

  private Map<Long, ChunkRow> rowsById(List<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Map<Long, ChunkRow> rows = new HashMap<>();
    db.read(
            "reading chunks",
            s ->
                s.query(
                    "SELECT " + ChunkRow.COLUMNS + " FROM chunks c WHERE c.id IN (" + in + ")",
                    ChunkRow::read,
                    ids.toArray()))
        .forEach(r -> rows.put(r.id(), r));
    return rows;
  }

  List<Chunk> chunks(String sourceId) {
    Checks.notNull(sourceId, "sourceId");
    return db.read(
        "reading chunks",
        s ->
            s.query(
                "SELECT "
                    + ChunkRow.COLUMNS
                    + " FROM chunks c WHERE c.source_id = ? ORDER BY c.idx",
                rs -> ChunkRow.read(rs).chunk(),
                sourceId));
  }
}
