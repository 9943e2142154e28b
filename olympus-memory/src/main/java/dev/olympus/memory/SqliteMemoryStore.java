package dev.olympus.memory;

import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.sql.StoreConfig;
import dev.olympus.memory.internal.sqlite.SqliteStores;
import java.nio.file.Path;
import java.time.Clock;
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
   * Options for a store. Each setter checks its argument; {@link #build()} opens a new store and
   * can be called again. Not thread-safe.
   */
  public static final class Builder {
    private Optional<Path> path = Optional.empty();
    private Durability durability = Durability.NORMAL;
    private MemoryLimits limits = MemoryLimits.defaults();
    private Optional<Embedder> embedder = Optional.empty();
    private Optional<byte[]> hmacKey = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private RetentionPolicy retention = RetentionPolicy.keepAll();
    private ChunkerOptions chunker = ChunkerOptions.defaults();
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
     * Input size limits; {@link MemoryLimits#defaults()} by default.
     *
     * @throws NullPointerException if {@code limits} is null
     */
    public Builder limits(MemoryLimits limits) {
      this.limits = Checks.notNull(limits, "limits");
      return this;
    }

    /**
     * The embedder that turns on vector and hybrid retrieval; none by default.
     *
     * @throws NullPointerException if {@code embedder} is null
     */
    public Builder embedder(Embedder embedder) {
      this.embedder = Optional.of(Checks.notNull(embedder, "embedder"));
      return this;
    }

    /**
     * The key that signs the event chain's head with HMAC-SHA256 (copied); none by default.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is shorter than 16 bytes
     */
    public Builder hmacKey(byte[] key) {
      Checks.notNull(key, "key");
      Checks.argument(key.length >= 16, "hmacKey must be at least 16 bytes but was " + key.length);
      this.hmacKey = Optional.of(key.clone());
      return this;
    }

    /**
     * The clock for cache expiry and record timestamps; the system UTC clock by default.
     *
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull(clock, "clock");
      return this;
    }

    /**
     * What {@link MemoryStore#prune} removes; {@link RetentionPolicy#keepAll()} by default.
     *
     * @throws NullPointerException if {@code retention} is null
     */
    public Builder retention(RetentionPolicy retention) {
      this.retention = Checks.notNull(retention, "retention");
      return this;
    }

    /**
     * How documents are chunked; {@link ChunkerOptions#defaults()} by default.
     *
     * @throws NullPointerException if {@code chunker} is null
     */
    public Builder chunker(ChunkerOptions chunker) {
      this.chunker = Checks.notNull(chunker, "chunker");
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
    public MemoryStore build() {
      StoreConfig config =
          new StoreConfig(limits, embedder, hmacKey.map(byte[]::clone), clock, retention, chunker);
      return SqliteStores.open(path, durability, readers, config);
    }
  }
}
