package dev.olympus.memory.internal.documents;

import dev.olympus.memory.DimensionMismatchException;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lifecycle of the in-memory {@link VectorIndex}: loaded from the chunks table on first use,
 * then kept in step with the database. Every transaction that changes chunks moves the database's
 * chunk epoch on by one ({@link #advance}); this process's own changes are applied to the index
 * after their commit, and when the epoch shows a change the index has not seen (another process or
 * store, or two of this process's commits applied out of order), the next search loads the index
 * again. Thread-safe: every change holds this object's lock.
 */
final class LoadedIndex {
  /** What a write that changed no chunk returns for the epoch: no index ever reflects it. */
  static final long UNCHANGED = Long.MIN_VALUE;

  private final Database db;
  private final int dimensions;
  private final boolean quantize;
  // Written under this object's lock; read without it by dimensions(), which must not wait for the
  // lock while it holds a reader (get() holds the lock while it borrows one to load).
  private volatile VectorIndex index;
  private volatile long epoch = -1; // the chunk epoch the index reflects, -1 before loading

  LoadedIndex(Database db, int dimensions, boolean quantize) {
    this.db = db;
    this.dimensions = dimensions;
    this.quantize = quantize;
    this.index = new VectorIndex(dimensions, quantize);
  }

  /** The vectors' length and the chunk epoch it was read at. */
  record Dimensions(int length, long epoch) {
    /**
     * Checks that {@code vector} has the stored vectors' length (any length while none is stored).
     *
     * @throws DimensionMismatchException if it does not
     */
    void check(float[] vector, String what) {
      if (length != 0 && vector.length != length) {
        throw new DimensionMismatchException(what, length, vector.length);
      }
    }
  }

  /** The index, up to date with the database, loading it again if another writer changed it. */
  VectorIndex get() {
    long current = db.read("reading the chunk epoch", LoadedIndex::epoch);
    synchronized (this) {
      if (epoch < current) {
        VectorIndex fresh = new VectorIndex(dimensions, quantize);
        long loaded = db.readSnapshot("loading vectors", s -> streamInto(s, fresh));
        index = fresh;
        epoch = loaded;
      }
      return index;
    }
  }

  /**
   * The stored vectors' length, for checking new ones before a write: the index's own while it is
   * up to date, else read from one stored vector (without loading the index).
   */
  Dimensions dimensions() {
    return db.readSnapshot(
        "reading the vectors' length",
        s -> {
          long current = epoch(s);
          long reflected = epoch; // before the index: get() sets the index before the epoch
          VectorIndex loaded = index;
          return reflected == current
              ? new Dimensions(loaded.dimensions(), current)
              : new Dimensions(storedLength(s), current);
        });
  }

  /**
   * Inside a write transaction that stores {@code vector}: moves the chunk epoch on and, if a
   * writer changed the chunks since {@code seen} was read, checks the vector's length again against
   * the stored ones. Returns the new epoch.
   *
   * @throws DimensionMismatchException if the vector's length differs from the stored vectors'
   */
  long advance(Session s, Dimensions seen, float[] vector, String what) throws SQLException {
    long after = advance(s);
    if (after - 1 != seen.epoch()) {
      new Dimensions(storedLength(s), after - 1).check(vector, what);
    }
    return after;
  }

  /**
   * Inside a write transaction that changes chunks: moves the chunk epoch on; returns the new one.
   */
  static long advance(Session s) throws SQLException {
    return s.first("UPDATE chunk_epoch SET n = n + 1 WHERE id = 1 RETURNING n", rs -> rs.getLong(1))
        .orElseThrow(() -> new IllegalStateException("the chunk_epoch row is missing"));
  }

  private static int storedLength(Session s) throws SQLException {
    return s.first(
            "SELECT length(embedding) FROM chunks WHERE embedding IS NOT NULL LIMIT 1",
            rs -> rs.getInt(1) / Float.BYTES)
        .orElse(0);
  }

  private static long epoch(Session s) throws SQLException {
    return s.first("SELECT n FROM chunk_epoch WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
  }

  /**
   * After a committed ingest that moved the epoch to {@code after}: drops the {@code removed}
   * chunks and adds the {@code added} ones (whose vectors are those of {@code hashes} in {@code
   * vectors}).
   */
  void replace(
      long after,
      List<Long> removed,
      String sourceId,
      List<Long> added,
      List<String> hashes,
      Map<String, float[]> vectors) {
    change(
        after,
        target -> {
          removed.forEach(target::remove);
          for (int i = 0; i < added.size(); i++) {
            float[] vector = vectors.get(hashes.get(i));
            if (vector != null) {
              target.put(added.get(i), sourceId, vector);
            }
          }
        });
  }

  /**
   * After a committed bulk ingest that moved the epoch to {@code after}: drops the {@code removed}
   * chunks and adds each of {@code added} with its source and vector.
   */
  void replaceAll(
      long after,
      List<Long> removed,
      List<Long> added,
      List<String> sources,
      List<float[]> vectors) {
    change(
        after,
        target -> {
          removed.forEach(target::remove);
          target.putAll(added, sources, vectors);
        });
  }

  /** Drops removed chunks (after the delete that moved the epoch to {@code after} committed). */
  void drop(long after, List<Long> ids) {
    change(after, target -> ids.forEach(target::remove));
  }

  // Applies a committed change to an index that reflects the epoch just before it; an index that
  // is behind loads again at the next search, one that is ahead (loaded since) holds it already.
  private synchronized void change(long after, Consumer<VectorIndex> apply) {
    if (epoch < 0 || epoch != after - 1) {
      return;
    }
    epoch = -1; // until the change is applied in full
    apply.accept(index);
    epoch = after;
  }

  // Each row goes straight into the index through one reused buffer, so loading holds no second
  // copy of the vectors. Returns the chunk epoch of the snapshot read.
  private static long streamInto(Session s, VectorIndex target) throws SQLException {
    long epoch = epoch(s);
    PreparedStatement select =
        s.prepare(
            "SELECT id, source_id, embedding FROM chunks WHERE embedding IS NOT NULL ORDER BY id");
    float[] buffer = new float[0];
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        buffer = Vectors.fromBlob(rs.getBytes(3), buffer);
        target.put(rs.getLong(1), rs.getString(2), buffer);
      }
    }
    return epoch;
  }
}
