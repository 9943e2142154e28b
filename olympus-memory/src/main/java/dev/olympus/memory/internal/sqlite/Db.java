package dev.olympus.memory.internal.sqlite;

import dev.olympus.memory.Durability;
import dev.olympus.memory.MemoryException;
import dev.olympus.memory.ReadOnlyDatabaseException;
import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Dialect;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.memory.internal.sql.SqlWork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The connections to one database file: a single writer guarded by a lock, so transactions never
 * interleave, and a small pool of query-only readers, which in WAL mode never block the writer. A
 * thread inside a write transaction reads through the writer and sees its own changes.
 */
public final class Db implements Database {
  private static final int BUSY_TIMEOUT_MS = 10_000;
  private static final int SCRUB_WAIT_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(Db.class);

  private final Path file;
  private final boolean temporary;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Session writer;
  private final BlockingQueue<Session> readers;
  private final int readerCount;
  private final Checkpointer checkpointer;
  private volatile boolean closed;

  private Db(
      Path file,
      boolean temporary,
      Session writer,
      List<Session> readers,
      Checkpointer checkpointer) {
    this.file = file;
    this.temporary = temporary;
    this.writer = writer;
    this.checkpointer = checkpointer;
    this.readerCount = readers.size();
    this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
  }

  /**
   * Opens the writer, applies the migrations, then opens the readers and the connection that
   * checkpoints the write-ahead log in the background.
   */
  static Db open(Path file, boolean temporary, Durability durability, int readerCount) {
    checkWritable(file);
    Session writer = connect(file, durability, false);
    List<Session> readers = new ArrayList<>();
    try {
      Migrations.migrate(writer, file.toString(), Migrations.latest());
      writer.exec("PRAGMA wal_autocheckpoint = " + Checkpointer.WRITER_FALLBACK_PAGES);
      for (int i = 0; i < readerCount; i++) {
        readers.add(connect(file, durability, true));
      }
      Checkpointer checkpointer =
          new Checkpointer(connect(file, durability, false), file.toString());
      return new Db(file, temporary, writer, readers, checkpointer);
    } catch (SQLException e) {
      closeAll(writer, readers);
      throw Errors.translate(e, "opening the database", file.toString());
    } catch (RuntimeException e) {
      closeAll(writer, readers);
      throw e;
    }
  }

  // A failed open closes every connection it made, readers included.
  private static void closeAll(Session writer, List<Session> readers) {
    readers.forEach(Db::closeQuietly);
    closeQuietly(writer);
  }

  static Session connect(Path file, Durability durability, boolean reader) {
    // Several processes opening one new file race for the switch to WAL, which SQLite may refuse
    // with SQLITE_BUSY at once (before any busy handler runs): try again until the busy timeout.
    long end =
        System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(BUSY_TIMEOUT_MS);
    for (long pause = 5; ; pause = Math.min(pause * 2, 200)) {
      try {
        return connectOnce(file, durability, reader);
      } catch (MemoryException e) {
        if (!busy(e) || System.nanoTime() > end) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(pause * 1_000_000);
      }
    }
  }

  private static boolean busy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.sqlite.SQLiteException sqlite
          && (sqlite.getResultCode().code & 0xff) == org.sqlite.SQLiteErrorCode.SQLITE_BUSY.code) {
        return true;
      }
    }
    return false;
  }

  private static Session connectOnce(Path file, Durability durability, boolean reader) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    config.setSynchronous(
        durability == Durability.FULL
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    if (!reader) {
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    }
    try {
      Session session =
          new Session(config.createConnection("jdbc:sqlite:" + file), SqliteDialect.INSTANCE);
      try {
        session.exec("PRAGMA schema_version"); // reads the header: fails here on a non-database
        if (reader) {
          session.exec("PRAGMA query_only = 1");
        } else {
          // What a write deletes or overwrites (forget, retention) is zeroed, not left in free
          // space for anyone who reads the file.
          session.exec("PRAGMA secure_delete = ON");
        }
      } catch (SQLException e) {
        closeQuietly(session);
        throw e;
      }
      return session;
    } catch (SQLException e) {
      throw Errors.translate(e, "opening the database", file.toString());
    }
  }

  private static void checkWritable(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (Files.exists(file) && (!Files.isWritable(file) || !ownerMayWrite(file))) {
        throw new ReadOnlyDatabaseException("database file " + file + " is read-only", null);
      }
      if (parent != null && (!Files.isWritable(parent) || !ownerMayWrite(parent))) {
        throw new ReadOnlyDatabaseException(
            "folder " + parent + " is read-only (SQLite needs to create its WAL file there)", null);
      }
    } catch (IOException e) {
      throw new StorageException("cannot create the folder of " + file + ": " + e, e);
    }
  }

  // Files.isWritable is true for root even on a file without write permission.
  private static boolean ownerMayWrite(Path path) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    return view == null
        || view.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public Dialect dialect() {
    return SqliteDialect.INSTANCE;
  }

  /**
   * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}); a nested call joins the
   * outer transaction. On any exception the transaction rolls back and nothing is written.
   */
  @Override
  public <T> T write(String doing, SqlWork<T> work) {
    writeLock.lock();
    try {
      checkOpen();
      if (writeLock.getHoldCount() > 1) {
        return work.run(writer);
      }
      writer.exec("BEGIN IMMEDIATE");
      try {
        T result = work.run(writer);
        writer.exec("COMMIT");
        checkpointer.committed();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Errors.translate(e, doing, file.toString());
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Copies the whole write-ahead log into the database file and empties it ({@code TRUNCATE}), so
   * the page images written before a forget, which still hold the erased text, leave the log too.
   * Waits up to a second for readers of older snapshots (in any process); when one still reads, or
   * the log cannot be emptied, the log stays as it is (logged) and its frames are overwritten by
   * later writes.
   */
  @Override
  public void scrubLog() {
    writeLock.lock();
    try {
      if (closed) {
        return; // closed since the forget committed: the log is left to the next checkpoint
      }
      writer.exec("PRAGMA busy_timeout = " + SCRUB_WAIT_MS);
      try {
        writer.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      } finally {
        writer.exec("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      }
    } catch (SQLException e) {
      // What called this has committed; the log's frames are overwritten by later writes anyway.
      LOG.warn("could not empty the write-ahead log of {}", file, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on a reader (or the writer, inside a write transaction). */
  @Override
  public <T> T read(String doing, SqlWork<T> work) {
    return read(doing, false, work);
  }

  /** Runs {@code work} on a reader inside a read transaction: one consistent snapshot. */
  @Override
  public <T> T readSnapshot(String doing, SqlWork<T> work) {
    return read(doing, true, work);
  }

  private <T> T read(String doing, boolean snapshot, SqlWork<T> work) {
    if (writeLock.isHeldByCurrentThread()) {
      return write(doing, work);
    }
    Session session = borrow();
    try {
      if (!snapshot) {
        return work.run(session);
      }
      session.exec("BEGIN");
      try {
        return work.run(session);
      } finally {
        session.exec("COMMIT");
      }
    } catch (SQLException e) {
      throw Errors.translate(e, doing, file.toString());
    } finally {
      readers.add(session);
    }
  }

  private Session borrow() {
    checkOpen();
    try {
      Session session = readers.take();
      if (closed) {
        readers.add(session);
        throw Errors.closed();
      }
      return session;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for a reader of " + file, e);
    }
  }

  private void rollback() {
    try {
      writer.exec("ROLLBACK");
    } catch (SQLException ignored) {
      // the transaction is already gone (SQLite rolls back on some errors by itself)
    }
  }

  private void checkOpen() {
    if (closed) {
      throw Errors.closed();
    }
  }

  /** Waits for running work, closes every connection and deletes a temporary file. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      checkpointer.close();
      for (int i = 0; i < readerCount; i++) {
        closeQuietly(readers.take());
      }
      closeQuietly(writer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writeLock.unlock();
    }
    if (temporary) {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        try {
          Files.deleteIfExists(Path.of(file + suffix));
        } catch (IOException ignored) {
          // best effort: it is in the temporary folder
        }
      }
    }
  }

  static void closeQuietly(Session session) {
    try {
      session.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
