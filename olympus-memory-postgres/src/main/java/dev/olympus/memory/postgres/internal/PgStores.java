package dev.olympus.memory.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.SqlStore;
import dev.olympus.memory.internal.sql.StoreConfig;
import java.util.Optional;
import javax.sql.DataSource;

/** Opens PostgreSQL stores: a pool (or the host's data source), the migrations, the layers. */
public final class PgStores {
  private PgStores() {}

  /** Where the database is: a JDBC URL with credentials, or a host's data source. */
  public sealed interface Target {
    /** A URL, a user and a password; the store runs its own HikariCP pool of {@code poolSize}. */
    record Url(String url, String user, String password, int poolSize) implements Target {}

    /** The host's data source, which the store uses and never closes. */
    record Source(DataSource source) implements Target {}
  }

  /** Opens the store. */
  public static MemoryStore open(Target target, StoreConfig config) {
    PgDatabase db = database(target);
    try {
      PgMigrations.migrate(db);
      PgVector.setUp(db).ifPresent(db::usePgvector);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return SqlStore.over("PostgresMemoryStore", db, config);
  }

  private static PgDatabase database(Target target) {
    if (target instanceof Target.Source s) {
      return new PgDatabase(s.source(), Optional.empty(), "a PostgreSQL data source");
    }
    Target.Url url = (Target.Url) target;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.url());
    config.setUsername(url.user());
    config.setPassword(url.password());
    config.setMaximumPoolSize(url.poolSize());
    config.setPoolName("olympus-memory");
    // An event batch goes to the server as multi-row INSERTs instead of one INSERT per event.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    try {
      HikariDataSource pool = new HikariDataSource(config);
      return new PgDatabase(pool, Optional.of(pool), withoutQuery(url.url()));
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot connect to " + withoutQuery(url.url()) + ": " + e.getMessage(), e);
    }
  }

  // A URL's query may carry a password; messages name the database without it.
  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
