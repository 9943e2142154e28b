package dev.olympus.benchmarks.memory;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A store in a real SQLite file in a temporary folder, deleted with the folder on close. */
final class StoreFolder implements AutoCloseable {
  private final Path dir;
  private final MemoryStore store;

  /** Opens a store named {@code name} in a new temporary folder. */
  StoreFolder(String name) throws IOException {
    dir = Files.createTempDirectory("olympus-bench");
    store = SqliteMemoryStore.open(dir.resolve(name));
  }

  MemoryStore store() {
    return store;
  }

  /** Closes the store, then deletes its files and the folder. */
  @Override
  public void close() throws IOException {
    store.close();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }
}
