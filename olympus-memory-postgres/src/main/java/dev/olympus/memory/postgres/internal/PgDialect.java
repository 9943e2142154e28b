package dev.olympus.memory.postgres.internal;

import dev.olympus.memory.internal.sql.Dialect;
import dev.olympus.memory.internal.sql.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's SQL: arrays for graph paths, jsonb for metadata, a generated {@code tsvector} column
 * searched with {@code websearch_to_tsquery} and ranked with {@code ts_rank_cd}, and with pgvector
 * a generated vector column ranked by cosine distance.
 */
final class PgDialect implements Dialect {
  /** Without pgvector: the application ranks vectors. */
  static final PgDialect PLAIN = new PgDialect(Optional.empty());

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final int MAX_TERMS = 64;

  // The quoted schema of the pgvector extension, when the store uses it.
  private final Optional<String> vector;

  private PgDialect(Optional<String> vector) {
    this.vector = vector;
  }

  /** With pgvector, whose types and operators live in {@code schema} (quoted). */
  static PgDialect withPgvector(String schema) {
    return new PgDialect(Optional.of(schema));
  }

  @Override
  public String contains(String haystack, String needle) {
    return "strpos(" + haystack + ", " + needle + ") > 0";
  }

  @Override
  public String jsonArrayOf(String column, String from) {
    return "(SELECT coalesce(json_agg(" + column + ")::text, '[]') FROM " + from + ")";
  }

  @Override
  public String metadataEntry() {
    return "(d.metadata::jsonb ->> CAST(? AS TEXT)) = ?";
  }

  // Every word quoted and OR-ed, as the SQLite store's FTS5 query: websearch_to_tsquery never
  // fails on user text, and quoting keeps its operators ("-", "or") from being read as such.
  @Override
  public Optional<String> keywordQuery(String text) {
    List<String> terms = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find() && terms.size() < MAX_TERMS) {
      terms.add('"' + m.group() + '"');
    }
    return terms.isEmpty() ? Optional.empty() : Optional.of(String.join(" or ", terms));
  }

  // The engine's own rank is the negated ts_rank_cd, so that, as with BM25, lower is better.
  @Override
  public String keywordSearch(String chunkColumns, String filterSql, boolean filtered) {
    return "SELECT "
        + chunkColumns
        + ", ts_rank_cd(c.fts, q.query) AS score, -ts_rank_cd(c.fts, q.query)"
        + " FROM chunks c, (SELECT websearch_to_tsquery('simple', ?) AS query) q"
        + " WHERE c.fts @@ q.query"
        + filterSql
        + " ORDER BY score DESC, c.id LIMIT ?";
  }

  // The tsvector is a generated column of the chunk row: it is written and deleted with it.
  @Override
  public void indexChunk(Session s, long id, String text) {}

  @Override
  public void unindexChunks(Session s, List<Long> ids) {}

  // NO KEY UPDATE: a foreign key check of a child row (a step of the plan) is not held up by it.
  @Override
  public String lockRows(String table, RowLock lock) {
    return switch (lock) {
      case SHARE -> " FOR SHARE OF " + table;
      case UPDATE -> " FOR NO KEY UPDATE OF " + table;
      case UPDATE_SKIP_LOCKED -> " FOR NO KEY UPDATE OF " + table + " SKIP LOCKED";
    };
  }

  // The generated column of db/vector/pgvector.sql, ordered by cosine distance; the query vector
  // is bound as real[] (pgjdbc sends a float[] as float4[]) and cast once.
  @Override
  public Optional<String> nearestSearch(String filterSql) {
    return vector.map(
        schema ->
            "SELECT c.id, 1 - (c.embedding_vector OPERATOR("
                + schema
                + ".<=>) q.v) AS score"
                + " FROM chunks c, (SELECT CAST(CAST(? AS REAL[]) AS "
                + schema
                + ".vector) AS v) q"
                + " WHERE c.embedding_vector IS NOT NULL"
                + filterSql
                + " ORDER BY c.embedding_vector OPERATOR("
                + schema
                + ".<=>) q.v, c.id LIMIT ?");
  }
}
