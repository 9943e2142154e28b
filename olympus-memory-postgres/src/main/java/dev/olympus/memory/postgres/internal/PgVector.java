package dev.olympus.memory.postgres.internal;

import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pgvector, used when the server has it. At start-up the store looks the extension up in {@code
 * pg_available_extensions}; when it is there, the store creates it (if no one has), adds the
 * generated vector column ({@code db/vector/pgvector.sql}) and from then on ranks nearest chunks in
 * the database. When it is not there, or cannot be created (the role lacks the privilege), vectors
 * are scored in the application, as on SQLite.
 */
public final class PgVector {
  private static final Logger LOG = LoggerFactory.getLogger(PgVector.class);
  static final String EXTENSION = "vector";

  private PgVector() {}

  /** Whether the server can install extension {@code name}. */
  public static boolean available(Session s, String name) throws SQLException {
    return s.first("SELECT 1 FROM pg_available_extensions WHERE name = ?", rs -> true, name)
        .isPresent();
  }

  /**
   * Sets pgvector up on {@code db} when the server has it, returning the quoted schema its types
   * and operators live in; empty when vectors are to be scored in the application.
   */
  static Optional<String> setUp(PgDatabase db) {
    if (!db.read("looking for pgvector", s -> available(s, EXTENSION))) {
      LOG.info("pgvector is not available on {}: vectors are scored in the application", db.name());
      return Optional.empty();
    }
    try {
      return Optional.of(db.write("setting up pgvector", PgVector::setUp));
    } catch (StorageException e) {
      LOG.warn(
          "pgvector is available on {} but could not be set up ({}): vectors are scored in the"
              + " application",
          db.name(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private static String setUp(Session s) throws SQLException {
    s.exec("CREATE EXTENSION IF NOT EXISTS " + EXTENSION);
    String schema =
        s.first(
                "SELECT quote_ident(n.nspname) FROM pg_extension e"
                    + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ?",
                rs -> rs.getString(1),
                EXTENSION)
            .orElseThrow();
    s.exec(PgMigrations.load("vector/floats.sql"));
    s.exec(PgMigrations.load("vector/pgvector.sql").replace("${vector}", schema));
    return schema;
  }
}
