package dev.olympus.memory.postgres.internal;

import dev.olympus.memory.SchemaTooNewException;
import dev.olympus.memory.internal.sql.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * The numbered schema migrations, {@code db/V<n>__<name>.sql} resources applied in order inside one
 * transaction that holds the store's write lock and re-reads {@code schema_version} under it, so
 * any number of processes may open a new database at once and each script runs exactly once.
 */
final class PgMigrations {
  static final List<String> SCRIPTS =
      List.of("V1__schema.sql", "V2__event_plan_column.sql", "V3__chunk_epoch.sql");

  private PgMigrations() {}

  static int latest() {
    return SCRIPTS.size();
  }

  /** Brings the database up to the latest version; a newer one is refused (SchemaTooNew). */
  static void migrate(PgDatabase db) {
    db.write("migrating the schema", PgMigrations::migrate);
  }

  private static Void migrate(Session s) throws SQLException {
    s.exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
            + " name TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
    int current =
        s.first("SELECT coalesce(max(version), 0) FROM schema_version", rs -> rs.getInt(1))
            .orElse(0);
    if (current > latest()) {
      throw new SchemaTooNewException(s.connection().getMetaData().getURL(), current, latest());
    }
    for (int version = current + 1; version <= latest(); version++) {
      String name = SCRIPTS.get(version - 1);
      s.exec(load(name));
      s.update(
          "INSERT INTO schema_version(version, name, applied_ms) VALUES (?, ?, ?)",
          version,
          name,
          System.currentTimeMillis());
    }
    return null;
  }

  /** The text of resource {@code db/<name>}. */
  static String load(String name) {
    try (InputStream in = PgMigrations.class.getResourceAsStream("db/" + name)) {
      if (in == null) {
        throw new IllegalStateException("resource db/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
