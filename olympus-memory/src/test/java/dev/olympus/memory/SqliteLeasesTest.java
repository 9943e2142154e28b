package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.contract.LeasesContract;
import dev.olympus.memory.internal.sqlite.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease contract on a SQLite file, and upgrading a database from before leases. */
class SqliteLeasesTest extends LeasesContract {
  @TempDir Path dir;

  @Override
  protected MemoryStore open(Clock clock) {
    return SqliteMemoryStore.builder().path(dir.resolve("leases.db")).clock(clock).build();
  }

  @Test
  void aVersionFourDatabaseGainsLeasesAndKeepsItsData() throws SQLException {
    Path file = dir.resolve("leases.db");
    Migrations.migrateTo(file, 4);
    Fixtures.sql(file, "INSERT INTO counters VALUES ('kept', 7, 0)");
    try (MemoryStore store = open(clock)) {
      assertEquals(Migrations.latest(), maxVersion(file));
      assertEquals(7, store.counters().get("kept"));
      assertEquals(1, store.leases().claim("plan/p1", "a", TTL).orElseThrow().token());
    }
  }

  private static int maxVersion(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs =
            c.createStatement().executeQuery("SELECT max(version) FROM schema_version")) {
      return rs.getInt(1);
    }
  }
}
