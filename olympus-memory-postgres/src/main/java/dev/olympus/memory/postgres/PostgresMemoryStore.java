package dev.olympus.memory.postgres;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SchemaTooNewException;
import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.StoreConfig;
import dev.olympus.memory.postgres.internal.Checks;
import dev.olympus.memory.postgres.internal.PgStores;
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
   * Options for a PostgreSQL store: where the database is (a URL with credentials, or the host's
   * data source) and the pool size, beside the settings every store shares. Each setter checks its
   * argument; for a setting given twice, the last call wins. {@link #build()} opens a new store and
   * can be called again. Not thread-safe.
   */
  public static final class Builder extends MemoryStore.Builder<Builder> {
    private Optional<String> url = Optional.empty();
    private String user = "";
    private String password = "";
    private Optional<DataSource> dataSource = Optional.empty();
    private int poolSize = 8;

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
     * Connects, applies the migrations and opens the store.
     *
     * @throws IllegalStateException if neither or both of a URL and a data source were given
     * @throws SchemaTooNewException if a newer library wrote the database
     * @throws StorageException if the database cannot be reached or migrated
     */
    @Override
    public MemoryStore build() {
      Checks.state(
          url.isPresent() != dataSource.isPresent(),
          "give exactly one of url(...) and dataSource(...)");
      PgStores.Target target =
          dataSource.isPresent()
              ? new PgStores.Target.Source(dataSource.get())
              : new PgStores.Target.Url(url.get(), user, password, poolSize);
      StoreConfig config =
          new StoreConfig(
              limits(), embedder(), hmacKey(), clock(), retention(), chunker(), vectorSearch());
      return PgStores.open(target, config);
    }
  }
}
