package dev.olympus.memory.postgres.internal;

import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Dialect;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.memory.internal.sql.SqlWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;

/**
 * The connections to one PostgreSQL database. Every write transaction first takes one
 * transaction-scoped advisory lock, so writes from every thread of every process on the database
 * are serialized as SQLite serializes them: a layer's read-then-write (a ledger reservation, the
 * chain's next link) sees no concurrent writer. Lease claims ({@link #writeLockingRows}) do not
 * take it: they lock rows, so claimers neither wait for those writes nor for one another. Reads run
 * in parallel on the pool.
 *
 * <p>Thread-safe. A thread inside a write transaction reads through it and sees its own changes.
 */
public final class PgDatabase implements Database {
  /** The advisory lock key of the store's writes ("Olympus" in ASCII). */
  static final long WRITE_LOCK = 0x4f6c796d707573L;

  private final DataSource source;
  private final Optional<AutoCloseable> pool;
  private final String name;
  private final ThreadLocal<Transaction> writing = new ThreadLocal<>();
  // Held shared by running work, exclusively by close(), so close waits for running work.
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private volatile PgDialect dialect = PgDialect.PLAIN;

  /**
   * A database reached through {@code source}; {@code pool}, when present, is closed with it.
   * {@code name} names it in messages (never with a password).
   */
  public PgDatabase(DataSource source, Optional<AutoCloseable> pool, String name) {
    this.source = source;
    this.pool = pool;
    this.name = name;
  }

  /** This thread's write transaction: whether it holds the store-wide lock yet. */
  private static final class Transaction {
    final Session session;
    boolean serialized;

    Transaction(Session session) {
      this.session = session;
    }
  }

  @Override
  public <T> T write(String doing, SqlWork<T> work) {
    return transaction(doing, true, work);
  }

  @Override
  public <T> T writeLockingRows(String doing, SqlWork<T> work) {
    return transaction(doing, false, work);
  }

  // A nested serialized write inside a row-locking one takes the store-wide lock there.
  private <T> T transaction(String doing, boolean serialized, SqlWork<T> work) {
    Transaction joined = writing.get();
    if (joined != null) {
      return run(
          doing,
          () -> {
            if (serialized && !joined.serialized) {
              lockStore(joined);
            }
            return work.run(joined.session);
          });
    }
    return onConnection(
        doing,
        session -> {
          session.connection().setAutoCommit(false);
          Transaction transaction = new Transaction(session);
          writing.set(transaction);
          try {
            if (serialized) {
              lockStore(transaction);
            }
            T result = work.run(session);
            session.connection().commit();
            return result;
          } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(session.connection());
            throw e;
          } finally {
            writing.remove();
          }
        });
  }

  private static void lockStore(Transaction transaction) throws SQLException {
    transaction.session.exec("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
    transaction.serialized = true;
  }

  @Override
  public <T> T read(String doing, SqlWork<T> work) {
    Transaction joined = writing.get();
    return joined != null ? run(doing, () -> work.run(joined.session)) : onConnection(doing, work);
  }

  @Override
  public <T> T readSnapshot(String doing, SqlWork<T> work) {
    Transaction joined = writing.get();
    if (joined != null) {
      return run(doing, () -> work.run(joined.session));
    }
    return onConnection(
        doing,
        session -> {
          session.connection().setAutoCommit(false);
          try {
            session.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            return work.run(session);
          } finally {
            rollbackQuietly(session.connection());
          }
        });
  }

  private <T> T onConnection(String doing, SqlWork<T> work) {
    return run(
        doing,
        () -> {
          try (Session session = new Session(source.getConnection(), dialect)) {
            return work.run(session);
          }
        });
  }

  /** Work that may throw, run while the database is open. */
  @FunctionalInterface
  private interface Call<T> {
    T call() throws SQLException;
  }

  private <T> T run(String doing, Call<T> call) {
    gate.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the memory store is closed");
      }
      return call.call();
    } catch (SQLException e) {
      throw new StorageException("failed " + doing + " on " + name + ": " + e.getMessage(), e);
    } finally {
      gate.readLock().unlock();
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool discards it and the server rolls back
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  /** From now on, the SQL for a database with pgvector in {@code schema} (quoted). */
  void usePgvector(String schema) {
    dialect = PgDialect.withPgvector(schema);
  }

  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (pool.isPresent()) {
        pool.get().close();
      }
    } catch (Exception e) {
      throw new StorageException("failed closing the pool of " + name + ": " + e, e);
    } finally {
      gate.writeLock().unlock();
    }
  }
}
