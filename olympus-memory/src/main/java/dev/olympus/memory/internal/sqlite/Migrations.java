package dev.olympus.memory.internal.sqlite;

import dev.olympus.memory.SchemaTooNewException;
import dev.olympus.memory.internal.sql.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The numbered schema migrations, {@code db/V<n>__<name>.sql} resources applied in order under the
 * database's write lock and recorded in {@code schema_version}.
 */
public final class Migrations {
  static final List<String> SCRIPTS =
      List.of(
          "V1__core.sql",
          "V2__documents.sql",
          "V3__step_status.sql",
          "V4__drop_event_time_index.sql",
          "V5__leases.sql",
          "V6__event_plan_column.sql",
          "V7__lighter_chunks.sql",
          "V8__secure_delete.sql",
          "V9__chunk_epoch.sql");

  private Migrations() {}

  /** The newest schema version this library knows. */
  public static int latest() {
    return SCRIPTS.size();
  }

  /**
   * Brings the database up to {@code target}. Safe when several processes open the same file at
   * once: the pending scripts are applied in one write transaction ({@code BEGIN IMMEDIATE}) that
   * re-reads the version inside it, so each script runs exactly once and a process that waited for
   * another finds the work done.
   *
   * @throws SchemaTooNewException if the database is already beyond {@link #latest()}
   */
  public static void migrate(Session s, String file, int target) throws SQLException {
    if (checked(file, versionTableExists(s) ? current(s) : 0) >= target) {
      return; // up to date: no write lock needed
    }
    s.exec("BEGIN IMMEDIATE");
    try {
      s.exec(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
              + " name TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
      for (int version = checked(file, current(s)) + 1; version <= target; version++) {
        apply(s, version);
      }
      s.exec("COMMIT");
    } catch (SQLException | RuntimeException e) {
      s.exec("ROLLBACK");
      throw e;
    }
  }

  private static boolean versionTableExists(Session s) throws SQLException {
    return s.first(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
            rs -> true)
        .isPresent();
  }

  private static int checked(String file, int current) {
    if (current > latest()) {
      throw new SchemaTooNewException(file, current, latest());
    }
    return current;
  }

  /**
   * Creates or upgrades the database at {@code file} to exactly {@code version} (for tests of
   * upgrades from older schemas).
   */
  public static void migrateTo(java.nio.file.Path file, int version) {
    try (Session s = Db.connect(file, dev.olympus.memory.Durability.NORMAL, false)) {
      migrate(s, file.toString(), version);
    } catch (SQLException e) {
      throw Errors.translate(e, "migrating", file.toString());
    }
  }

  /** The version recorded in {@code schema_version}, 0 for a new database. */
  public static int current(Session s) throws SQLException {
    try (ResultSet rs =
        s.prepare("SELECT coalesce(max(version), 0) FROM schema_version").executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void apply(Session s, int version) throws SQLException {
    String name = SCRIPTS.get(version - 1);
    for (String statement : statements(load(name))) {
      s.exec(statement);
    }
    s.update(
        "INSERT INTO schema_version(version, name, applied_ms) VALUES (?, ?, ?)",
        version,
        name,
        System.currentTimeMillis());
  }

  private static String load(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream("db/" + name)) {
      if (in == null) {
        throw new IllegalStateException("migration resource db/" + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Statements end with ';' at the end of a line; the scripts hold no triggers.
  static List<String> statements(String script) {
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(withoutComments.toString().split(";\\s*\n"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
