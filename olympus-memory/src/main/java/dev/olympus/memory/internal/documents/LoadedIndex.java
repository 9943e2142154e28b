package dev.olympus.memory.internal.documents;

import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle of the in-memory {@link VectorIndex}: loaded from the chunks table on first use,
 * then kept in step with this process's committed writes. Thread-safe: every change holds this
 * object's lock.
 */
final class LoadedIndex {
  private final Database db;
  private final VectorIndex index;
  private boolean loaded; // guarded by this

  LoadedIndex(Database db, int dimensions, boolean quantize) {
    this.db = db;
    this.index = new VectorIndex(dimensions, quantize);
  }

  /** The index, loading it first if this is its first use. */
  synchronized VectorIndex get() {
    if (!loaded) {
      db.read("loading vectors", this::streamIntoIndex);
      loaded = true;
    }
    return index;
  }

  /**
   * After a committed ingest: drops the {@code removed} chunks and adds the {@code added} ones
   * (whose vectors are those of {@code hashes} in {@code vectors}); nothing while not yet loaded.
   */
  synchronized void replace(
      List<Long> removed,
      String sourceId,
      List<Long> added,
      List<String> hashes,
      Map<String, float[]> vectors) {
    if (!loaded) {
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

  /**
   * After a committed bulk ingest: drops the {@code removed} chunks and adds each of {@code added}
   * with its source and vector; nothing while not yet loaded.
   */
  synchronized void replaceAll(
      List<Long> removed, List<Long> added, List<String> sources, List<float[]> vectors) {
    if (!loaded) {
      return;
    }
    removed.forEach(index::remove);
    index.putAll(added, sources, vectors);
  }

  /** Drops removed chunks (after the delete committed). */
  synchronized void drop(List<Long> ids) {
    if (loaded) {
      ids.forEach(index::remove);
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
}
