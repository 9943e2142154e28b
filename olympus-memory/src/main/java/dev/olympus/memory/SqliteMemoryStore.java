package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.sql.StoreConfig;
import dev.olympus.memory.internal.sqlite.SqliteStores;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens a {@link MemoryStore} kept in one SQLite file (WAL journal, foreign keys on, numbered
 * schema migrations applied on open).
 *
 * <pre>{@code
 * MemoryStore memory = SqliteMemoryStore.open(Path.of(home, ".olympus", "olympus.db"));
 * MemoryStore tuned = SqliteMemoryStore.builder()
 *     .path(file)
 *     .durability(Durability.FULL)
 *     .embedder(texts -> model.embed(texts))
 *     .hmacKey(secret)
 *     .build();
 * }</pre>
 *
 * <p>What {@link MemoryStore#forget(String)} and retention remove is overwritten with zeros in the
 * file (SQLite's {@code secure_delete}, and FTS5's {@code secure-delete} for the keyword index),
 * and after a forget the write-ahead log, whose older page images still hold the removed text, is
 * copied into the file and emptied. That last step waits up to a second for readers of older
 * snapshots in other processes; if one is still reading, the log keeps those frames until later
 * writes overwrite them. Copies outside the file (backups, the file system's own journal, a disk's
 * remapped sectors) are out of the store's reach.
 *
 * <p>Thread-safe; the stores it opens are thread-safe.
 */
public final class SqliteMemoryStore {
  private SqliteMemoryStore() {}

  /**
   * Opens (creating the folder and the database if needed) the store at {@code path} with default
   * options.
   *
   * @throws NullPointerException if {@code path} is null
   * @throws CorruptDatabaseException if the file is not a SQLite database
   * @throws ReadOnlyDatabaseException if the file or its folder cannot be written
   * @throws SchemaTooNewException if a newer library wrote the file
   */
  public static MemoryStore open(Path path) {
    return builder().path(path).build();
  }

  /** Opens a store in a temporary file that is deleted on {@link MemoryStore#close()}. */
  public static MemoryStore inMemory() {
    return builder().build();
  }

  /** A builder; without {@link Builder#path(Path)} it builds an in-memory store. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options for a SQLite store: the file, durability and readers, beside the settings every store
   * shares. Each setter checks its argument; for a setting given twice, the last call wins. {@link
   * #build()} opens a new store and can be called again. Not thread-safe.
   */
  public static final class Builder extends MemoryStore.Builder<Builder> {
    private Optional<Path> path = Optional.empty();
    private Durability durability = Durability.NORMAL;
    private int readers = 4;

    private Builder() {}

    /**
     * The database file; its folder is created if missing.
     *
     * @throws NullPointerException if {@code path} is null
     */
    public Builder path(Path path) {
      this.path = Optional.of(Checks.notNull(path, "path"));
      return this;
    }

    /**
     * How durable commits are; {@link Durability#NORMAL} by default.
     *
     * @throws NullPointerException if {@code durability} is null
     */
    public Builder durability(Durability durability) {
      this.durability = Checks.notNull(durability, "durability");
      return this;
    }

    /**
     * How many reader connections to keep (4 by default).
     *
     * @throws IllegalArgumentException if {@code readers} is not within [1, 64]
     */
    public Builder readers(int readers) {
      Checks.argument(readers >= 1 && readers <= 64, "readers must be within [1, 64]");
      this.readers = readers;
      return this;
    }

    /**
     * Opens the store.
     *
     * @throws CorruptDatabaseException if the file is not a SQLite database
     * @throws ReadOnlyDatabaseException if the file or its folder cannot be written
     * @throws SchemaTooNewException if a newer library wrote the file
     * @throws StorageException if the file cannot be opened for another reason
     */
    @Override
    public MemoryStore build() {
      StoreConfig config =
          new StoreConfig(
              limits(), embedder(), hmacKey(), clock(), retention(), chunker(), vectorSearch());
      return SqliteStores.open(path, durability, readers, config);
    }
  }
}
