package dev.olympus.memory.internal.sqlite;

import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on a daemon thread of its own, so a commit does
 * not wait for the copy and its {@code fsync}. After a commit the thread runs a passive checkpoint
 * (which never blocks the writer or the readers), then rests for 200 ms, so a busy writer causes
 * five checkpoints a second at most, not one per commit. While the writer keeps appending, a
 * passive checkpoint never catches up with the end of the log, so the log cannot restart from its
 * beginning; the writer therefore keeps SQLite's own automatic checkpoint, at {@link
 * #WRITER_FALLBACK_PAGES}: by then this thread has copied nearly all of the log, the writer's
 * checkpoint copies the rest, and the log (at most about 20 MB) starts over. Durability is
 * unchanged: a commit is in the log before it returns, as before. Thread-safe.
 */
final class Checkpointer implements AutoCloseable {
  /** The writer's automatic checkpoint, in pages (SQLite's default is 1,000). */
  static final int WRITER_FALLBACK_PAGES = 4_096;

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final long PAUSE_MS = 200;

  private final Session session;
  private final String file;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signal = lock.newCondition();
  private final Thread thread;
  private boolean pending;
  private boolean closed;

  Checkpointer(Session session, String file) {
    this.session = session;
    this.file = file;
    this.thread = new Thread(this::run, "olympus-memory-checkpointer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the thread that a transaction committed; cheap, and never blocks on a checkpoint. */
  void committed() {
    lock.lock(); // held by the thread only between its waits, never during a checkpoint
    try {
      pending = true;
      signal.signal();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (awaitCommit()) {
      try {
        session.exec("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (SQLException e) {
        LOG.debug("background checkpoint of {} failed; the writer's own will run", file, e);
      }
      pause();
    }
  }

  private boolean awaitCommit() {
    lock.lock();
    try {
      while (!pending && !closed) {
        signal.awaitUninterruptibly();
      }
      pending = false;
      return !closed;
    } finally {
      lock.unlock();
    }
  }

  private void pause() {
    lock.lock();
    try {
      long left = TimeUnit.MILLISECONDS.toNanos(PAUSE_MS);
      while (left > 0 && !closed) {
        left = signal.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread (letting a running checkpoint finish) and closes its connection. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      signal.signalAll();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Db.closeQuietly(session);
  }
}
