package dev.olympus.memory.internal;

import dev.olympus.memory.MemoryException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite failures into typed {@link MemoryException}s that name the file. */
final class Errors {
  private Errors() {}

  static MemoryException translate(SQLException e, String doing, String file) {
    SQLiteErrorCode code =
        e instanceof SQLiteException s
            ? s.getResultCode()
            : SQLiteErrorCode.getErrorCode(e.getErrorCode());
    int primary = code == null ? e.getErrorCode() & 0xff : code.code & 0xff;
    if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
      return new MemoryException.Corrupt(file + " is not a SQLite database (" + doing + ")", e);
    }
    if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return new MemoryException.Corrupt("database " + file + " is corrupt (" + doing + ")", e);
    }
    if (primary == SQLiteErrorCode.SQLITE_READONLY.code) {
      return new MemoryException.ReadOnly("database " + file + " is read-only (" + doing + ")", e);
    }
    return new MemoryException.Storage(
        "failed " + doing + " on " + file + ": " + e.getMessage(), e);
  }
}
