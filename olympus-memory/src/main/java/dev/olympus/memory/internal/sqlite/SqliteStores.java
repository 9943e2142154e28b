package dev.olympus.memory.internal.sqlite;

import dev.olympus.memory.Durability;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.SqlStore;
import dev.olympus.memory.internal.sql.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Opens SQLite stores: the file (or a temporary one), the migrations, the layers. */
public final class SqliteStores {
  private SqliteStores() {}

  /** Opens the SQLite store at {@code path}, or in a temporary file deleted on close. */
  public static MemoryStore open(
      Optional<Path> path, Durability durability, int readers, StoreConfig config) {
    boolean temporary = path.isEmpty();
    Path file = path.orElseGet(SqliteStores::temporaryFile);
    return SqlStore.over(
        "SqliteMemoryStore", Db.open(file, temporary, durability, readers), config);
  }

  private static Path temporaryFile() {
    try {
      return Files.createTempFile("olympus-memory-", ".db");
    } catch (IOException e) {
      throw new StorageException("cannot create a temporary database file: " + e, e);
    }
  }
}
