package dev.olympus.memory.internal.sqlite;

import dev.olympus.memory.CorruptDatabaseException;
import dev.olympus.memory.MemoryException;
import dev.olympus.memory.ReadOnlyDatabaseException;
import dev.olympus.memory.StorageException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite failures into typed {@link MemoryException}s that name the file. */
final class Errors {
  private Errors() {}

  /** The exception for a call on a closed store: a programming error, not a storage failure. */
  static IllegalStateException closed() {
    return new IllegalStateException("the memory store is closed");
  }

  static MemoryException translate(SQLException e, String doing, String file) {
    SQLiteErrorCode code =
        e instanceof SQLiteException s
            ? s.getResultCode()
            : SQLiteErrorCode.getErrorCode(e.getErrorCode());
    int primary = code == null ? e.getErrorCode() & 0xff : code.code & 0xff;
    if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
      return new CorruptDatabaseException(file + " is not a SQLite database (" + doing + ")", e);
    }
    if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return new CorruptDatabaseException("database " + file + " is corrupt (" + doing + ")", e);
    }
    if (primary == SQLiteErrorCode.SQLITE_READONLY.code) {
      return new ReadOnlyDatabaseException("database " + file + " is read-only (" + doing + ")", e);
    }
    return new StorageException("failed " + doing + " on " + file + ": " + e.getMessage(), e);
  }
}
