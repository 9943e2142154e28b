package dev.olympus.benchmarks.memory;

import dev.olympus.memory.MemoryStore;
import dev.olympus.memory.SqliteMemoryStore;
import dev.olympus.memory.postgres.PostgresMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * A store for one benchmark trial, deleted on close: a real SQLite file in a temporary folder
 * ({@code sqlite}), or a new schema of the PostgreSQL database that the system property {@code
 * olympus.bench.pg.url} (or {@code OLYMPUS_BENCH_PG_URL}, with {@code _USER} and {@code _PASSWORD})
 * names ({@code postgres}).
 */
public final class StoreFolder implements AutoCloseable {
  private final Path dir;
  private final Optional<String> schema;
  private final MemoryStore store;

  /** Opens a SQLite store named {@code name} in a new temporary folder. */
  StoreFolder(String name) throws IOException {
    this(name, "sqlite");
  }

  /** Opens a store named {@code name} on {@code backend} ({@code sqlite} or {@code postgres}). */
  public StoreFolder(String name, String backend) throws IOException {
    dir = Files.createTempDirectory("olympus-bench");
    if (backend.equals("postgres")) {
      schema = Optional.of("bench_" + UUID.randomUUID().toString().replace("-", ""));
      admin("CREATE SCHEMA " + schema.get());
      store =
          PostgresMemoryStore.builder()
              .url(setting("url") + "?currentSchema=" + schema.get())
              .user(setting("user"))
              .password(setting("password"))
              .build();
    } else {
      schema = Optional.empty();
      store = SqliteMemoryStore.open(dir.resolve(name));
    }
  }

  /**
   * The benchmark's PostgreSQL setting {@code name} ({@code url}, {@code user}, {@code password}):
   * the system property {@code olympus.bench.pg.<name>} or {@code OLYMPUS_BENCH_PG_<NAME>}.
   */
  public static String setting(String name) {
    String value =
        System.getProperty(
            "olympus.bench.pg." + name, System.getenv("OLYMPUS_BENCH_PG_" + name.toUpperCase()));
    if (value == null && name.equals("url")) {
      throw new IllegalStateException(
          "the postgres backend needs -Dolympus.bench.pg.url=jdbc:postgresql://host:port/db");
    }
    return value == null ? "" : value;
  }

  private static void admin(String sql) {
    try (Connection c =
            DriverManager.getConnection(setting("url"), setting("user"), setting("password"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("failed: " + sql + ": " + e, e);
    }
  }

  /** The store of this trial. */
  public MemoryStore store() {
    return store;
  }

  /** Closes the store, then deletes its files and the folder (or its schema). */
  @Override
  public void close() throws IOException {
    store.close();
    schema.ifPresent(s -> admin("DROP SCHEMA " + s + " CASCADE"));
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }
}
