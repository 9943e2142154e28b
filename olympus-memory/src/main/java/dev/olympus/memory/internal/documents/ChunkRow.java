package dev.olympus.memory.internal.documents;

import dev.olympus.memory.Chunk;
import dev.olympus.memory.Citation;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A stored chunk row: its id, its document and the chunk. */
record ChunkRow(long id, String sourceId, Chunk chunk) {
  /** The columns {@link #read(ResultSet)} reads, in order, from chunks {@code c}. */
  static final String COLUMNS = "c.id, c.source_id, c.idx, c.start_offset, c.end_offset, c.text";

  static ChunkRow read(ResultSet rs) throws SQLException {
    return new ChunkRow(
        rs.getLong(1),
        rs.getString(2),
        new Chunk(rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getString(6)));
  }

  Citation citation() {
    return new Citation(sourceId, chunk.index(), chunk.start(), chunk.end(), chunk.text());
  }
}
