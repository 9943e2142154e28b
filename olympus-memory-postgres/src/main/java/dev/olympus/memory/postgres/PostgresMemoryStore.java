package dev.olympus.memory.postgres;

import dev.olympus.memory.ChunkerOptions;
import dev.olympus.memory.Embedder;
import dev.olympus.memory.MemoryLimits;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.RetentionPolicy;
import dev.olympus.memory.SchemaTooNewException;
import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.StoreConfig;
import dev.olympus.memory.postgres.internal.Checks;
import dev.olympus.memory.postgres.internal.PgStores;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Opens a {@link MemoryStore} in a PostgreSQL database: the same layers, limits and guarantees as
 * {@code SqliteMemoryStore}, shared by every process (on any machine) that opens the database.
 * Numbered schema migrations run on open, under the store's lock, so processes may open a new
 * database at once.
 *
 * <pre>{@code
 * MemoryStore memory = PostgresMemoryStore.builder()
 *     .url("jdbc:postgresql://db.internal:5432/olympus")
 *     .user("olympus")
 *     .password(secret)
 *     .hmacKey(chainKey)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe; the stores it opens are thread-safe.
 */
public final class PostgresMemoryStore {
  private PostgresMemoryStore() {}

  /** A builder; it needs {@link Builder#url(String)} or {@link Builder#dataSource(DataSource)}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options for a store. Each setter checks its argument; {@link #build()} opens a new store and
   * can be called again. Not thread-safe.
   */
  public static final class Builder {
    private Optional<String> url = Optional.empty();
    private String user = "";
    private String password = "";
    private Optional<DataSource> dataSource = Optional.empty();
    private int poolSize = 8;
    private MemoryLimits limits = MemoryLimits.defaults();
    private Optional<Embedder> embedder = Optional.empty();
    private Optional<byte[]> hmacKey = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private RetentionPolicy retention = RetentionPolicy.keepAll();
    private ChunkerOptions chunker = ChunkerOptions.defaults();

    private Builder() {}

    /**
     * The JDBC URL of the database ({@code jdbc:postgresql://host:port/database}); the store runs
     * its own HikariCP pool on it.
     *
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if {@code url} does not start with {@code jdbc:postgresql:}
     */
    public Builder url(String url) {
      Checks.notNull(url, "url");
      Checks.argument(
          url.startsWith("jdbc:postgresql:"),
          "url must start with jdbc:postgresql: but was " + url);
      this.url = Optional.of(url);
      return this;
    }

    /**
     * The user for {@link #url(String)}; none by default.
     *
     * @throws NullPointerException if {@code user} is null
     */
    public Builder user(String user) {
      this.user = Checks.notNull(user, "user");
      return this;
    }

    /**
     * The password for {@link #url(String)}; none by default.
     *
     * @throws NullPointerException if {@code password} is null
     */
    public Builder password(String password) {
      this.password = Checks.notNull(password, "password");
      return this;
    }

    /**
     * The host's own data source (its pool), used instead of a URL and never closed by the store.
     *
     * @throws NullPointerException if {@code dataSource} is null
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Optional.of(Checks.notNull(dataSource, "dataSource"));
      return this;
    }

    /**
     * The most connections the store's own pool opens (8 by default).
     *
     * @throws IllegalArgumentException if {@code poolSize} is not within [2, 256]
     */
    public Builder poolSize(int poolSize) {
      Checks.argument(poolSize >= 2 && poolSize <= 256, "poolSize must be within [2, 256]");
      this.poolSize = poolSize;
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
     * The clock for cache and lease expiry and record timestamps; the system UTC clock by default.
     * Processes sharing a database must agree on the time to within a small part of a lease.
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
     * Connects, applies the migrations and opens the store.
     *
     * @throws IllegalStateException if neither or both of a URL and a data source were given
     * @throws SchemaTooNewException if a newer library wrote the database
     * @throws StorageException if the database cannot be reached or migrated
     */
    public MemoryStore build() {
      Checks.state(
          url.isPresent() != dataSource.isPresent(),
          "give exactly one of url(...) and dataSource(...)");
      PgStores.Target target =
          dataSource.isPresent()
              ? new PgStores.Target.Source(dataSource.get())
              : new PgStores.Target.Url(url.get(), user, password, poolSize);
      StoreConfig config =
          new StoreConfig(limits, embedder, hmacKey.map(byte[]::clone), clock, retention, chunker);
      return PgStores.open(target, config);
    }
  }
}
