package dev.olympus.memory.internal.sql;

import dev.olympus.memory.internal.sqlite.Db;

/**
 * Where a store's layers run their SQL: write transactions that never interleave (across every
 * process on the database), reads, and consistent snapshots. Implemented for SQLite by {@link Db};
 * other stores supply their own together with a {@link Dialect}.
 */
public interface Database extends AutoCloseable {
  /**
   * Runs {@code work} in one write transaction; a nested call joins the outer transaction. On any
   * exception the transaction rolls back and nothing is written.
   */
  <T> T write(String doing, SqlWork<T> work);

  /**
   * Runs {@code work} in one write transaction that need not be serialized with the other writes:
   * {@code work} itself locks what it reads and then writes (row locks through {@link
   * Dialect#lockRows}, or a single conditional statement). A nested call joins the outer
   * transaction. Where every write is serialized anyway, this is {@link #write}.
   */
  default <T> T writeLockingRows(String doing, SqlWork<T> work) {
    return write(doing, work);
  }

  /** Runs {@code work} outside a write transaction (or inside the caller's, if it is in one). */
  <T> T read(String doing, SqlWork<T> work);

  /** Runs {@code work} on one consistent snapshot. */
  <T> T readSnapshot(String doing, SqlWork<T> work);

  /**
   * Removes from the database's logs what committed deletions left there, as far as the database
   * can without blocking its writers for long; called after a forget has committed. Nothing where
   * the database keeps no such copies within reach of the store.
   */
  default void scrubLog() {}

  /** What the database is, for messages (a file, a JDBC URL). */
  String name();

  /** The SQL the layers use where databases differ. */
  Dialect dialect();

  /** Waits for running work and closes every connection. */
  @Override
  void close();
}
