package dev.olympus.memory.internal.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL that differs between databases; everything else the layers write is portable. */
public interface Dialect {
  /**
   * A condition true when text expression {@code haystack} contains text expression {@code needle}
   * (case-sensitive).
   */
  String contains(String haystack, String needle);

  /** A JSON array (text, {@code []} when empty) of {@code column} over the rows of {@code from}. */
  String jsonArrayOf(String column, String from);

  /**
   * A condition true when document {@code d}'s JSON metadata has the entry bound to the next two
   * parameters (key, then value).
   */
  String metadataEntry();

  /** The keyword query for free text, or empty when the text has no word to search for. */
  Optional<String> keywordQuery(String text);

  /**
   * Top-k keyword search over chunks {@code c} (columns {@code chunkColumns}, then the score
   * (higher is better), then the engine's own rank). Parameters: the keyword query, {@code
   * filterArgs} for {@code filterSql} (conditions each starting with AND), then k.
   */
  String keywordSearch(String chunkColumns, String filterSql, boolean filtered);

  /**
   * The nearest-chunks query when the database ranks vectors itself, or empty when the application
   * does (its in-memory index). Parameters: the query vector (a {@code float[]}), {@code
   * filterArgs} for {@code filterSql} (conditions on chunks {@code c}, each starting with AND),
   * then k. Columns: the chunk id, its cosine similarity; best first.
   */
  Optional<String> nearestSearch(String filterSql);

  /** Adds chunk {@code id} to the keyword index, inside the caller's transaction. */
  void indexChunk(Session s, long id, String text) throws SQLException;

  /**
   * Adds the chunks {@code ids} with their {@code texts} (at the same positions) to the keyword
   * index, inside the caller's transaction.
   */
  default void indexChunks(Session s, List<Long> ids, List<String> texts) throws SQLException {
    for (int i = 0; i < ids.size(); i++) {
      indexChunk(s, ids.get(i), texts.get(i));
    }
  }

  /**
   * Removes the chunks from the keyword index, inside the caller's transaction and before their
   * rows are deleted (an index may need their text to find its entries).
   */
  void unindexChunks(Session s, List<Long> ids) throws SQLException;

  /** How a query locks the rows it reads until its transaction ends. */
  enum RowLock {
    /** Others may read and share-lock the rows, not change them. */
    SHARE,
    /** Others may read the rows, not lock or change them. */
    UPDATE,
    /** As {@link #UPDATE}, but rows another transaction has locked are left out, not waited for. */
    UPDATE_SKIP_LOCKED
  }

  /**
   * The clause ending a query that locks the rows it returns from {@code table} (a name or alias of
   * the query), or an empty string where every write transaction is serialized anyway.
   */
  String lockRows(String table, RowLock lock);
}
