package dev.olympus.memory.internal.sqlite;

import dev.olympus.memory.internal.sql.Dialect;
import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQLite's SQL: JSON1 functions and an FTS5 table ranked with BM25. */
final class SqliteDialect implements Dialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private SqliteDialect() {}

  @Override
  public String contains(String haystack, String needle) {
    return "instr(" + haystack + ", " + needle + ") > 0";
  }

  @Override
  public String jsonArrayOf(String column, String from) {
    return "(SELECT json_group_array(" + column + ") FROM " + from + ")";
  }

  @Override
  public String metadataEntry() {
    return "EXISTS (SELECT 1 FROM json_each(d.metadata) m WHERE m.key = ? AND m.value = ?)";
  }

  @Override
  public Optional<String> keywordQuery(String text) {
    return Fts.match(text);
  }

  // Without a filter, rank inside FTS5 first and join only the k winners.
  @Override
  public String keywordSearch(String chunkColumns, String filterSql, boolean filtered) {
    return filtered
        ? "SELECT "
            + chunkColumns
            + ", -bm25(chunks_fts) AS score, bm25(chunks_fts) AS rank FROM chunks_fts JOIN chunks c"
            + " ON c.id = chunks_fts.rowid WHERE chunks_fts MATCH ?"
            + filterSql
            + " ORDER BY rank LIMIT ?"
        : "SELECT "
            + chunkColumns
            + ", -f.rank, f.rank FROM (SELECT rowid, bm25(chunks_fts) AS rank FROM chunks_fts"
            + " WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?) f JOIN chunks c ON c.id = f.rowid"
            + " ORDER BY f.rank";
  }

  @Override
  public void indexChunk(Session s, long id, String text) throws SQLException {
    s.update("INSERT INTO chunks_fts(rowid, text) VALUES (?, ?)", id, text);
  }

  @Override
  public void indexChunks(Session s, List<Long> ids, List<String> texts) throws SQLException {
    List<Object[]> rows = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      rows.add(new Object[] {ids.get(i), texts.get(i)});
    }
    s.updateAll("INSERT INTO chunks_fts(rowid, text) VALUES (?, ?)", rows);
  }

  // The keyword index holds no copy of the text (external content): its entries are removed by
  // handing FTS5 the text they were made from, read from the chunk before it is deleted.
  @Override
  public void unindexChunks(Session s, List<Long> ids) throws SQLException {
    s.updateAll(
        "INSERT INTO chunks_fts(chunks_fts, rowid, text) SELECT 'delete', id, text FROM chunks"
            + " WHERE id = ?",
        ids.stream().map(id -> new Object[] {id}).toList());
  }

  // No vector extension: the store's in-memory index ranks vectors.
  @Override
  public Optional<String> nearestSearch(String filterSql) {
    return Optional.empty();
  }

  // A write transaction (BEGIN IMMEDIATE) holds the database's one write lock: nothing to add.
  @Override
  public String lockRows(String table, RowLock lock) {
    return "";
  }
}
