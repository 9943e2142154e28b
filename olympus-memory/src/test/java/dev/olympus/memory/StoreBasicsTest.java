package dev.olympus.memory;

import static dev.olympus.memory.contract.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.internal.sqlite.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBasicsTest {
  @TempDir Path dir;

  @Test
  void openCreatesTheFolderAndUsesWal() throws SQLException {
    Path file = dir.resolve("a/b/olympus.db");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      store.events().append(event("p", 1));
    }
    assertTrue(Files.exists(file));
    assertEquals("wal", scalar(file, "PRAGMA journal_mode"));
    assertEquals(
        String.valueOf(Migrations.latest()),
        scalar(file, "SELECT max(version) FROM schema_version"));
  }

  @Test
  void theLastCallOfABuilderSettingWins() {
    MemoryLimits tiny = new MemoryLimits(4, 64, 64, 2, 10);
    SqliteMemoryStore.Builder builder =
        SqliteMemoryStore.builder().limits(MemoryLimits.defaults()).limits(tiny);
    try (MemoryStore store = builder.build()) {
      assertThrows(LimitExceededException.class, () -> store.counters().add("longer", 1));
    }
    try (MemoryStore store = builder.limits(MemoryLimits.defaults()).build()) {
      assertEquals(1, store.counters().add("longer", 1));
    }
  }

  @Test
  void inMemoryStoreDeletesItsFileOnClose() {
    MemoryStore store = SqliteMemoryStore.inMemory();
    store.facts().put(Fact.of("user", "likes", "tea", "chat", Fixtures.T0));
    assertEquals(1, store.facts().bySubject("user").size());
    Path file = Path.of(store.toString().replaceAll(".*\\[(.*)]", "$1"));
    assertTrue(Files.exists(file));
    store.close();
    assertFalse(Files.exists(file));
    assertThrows(IllegalStateException.class, () -> store.events().lastSeq());
    store.close(); // idempotent
  }

  @Test
  void aFileThatIsNotSqliteIsReportedAsCorrupt() throws IOException {
    Path file = dir.resolve("notes.db");
    Files.writeString(file, "these are my notes, not a database\n".repeat(200));
    var e = assertThrows(CorruptDatabaseException.class, () -> SqliteMemoryStore.open(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(Files.readString(file).startsWith("these are my notes"));
  }

  @Test
  void aReadOnlyFileIsReported() throws IOException {
    Path file = dir.resolve("ro.db");
    SqliteMemoryStore.open(file).close();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    var e = assertThrows(ReadOnlyDatabaseException.class, () -> SqliteMemoryStore.open(file));
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
  }

  @Test
  void aNewerSchemaIsRefusedAndLeftUntouched() throws SQLException {
    Path file = dir.resolve("new.db");
    SqliteMemoryStore.open(file).close();
    Fixtures.sql(file, "INSERT INTO schema_version VALUES (99, 'V99__future.sql', 0)");
    var e = assertThrows(SchemaTooNewException.class, () -> SqliteMemoryStore.open(file));
    assertTrue(e.getMessage().contains("99"), e.getMessage());
    assertEquals("99", scalar(file, "SELECT max(version) FROM schema_version"));
  }

  @Test
  void aVersionOneDatabaseMigratesForward() throws SQLException {
    Path file = dir.resolve("v1.db");
    Migrations.migrateTo(file, 1);
    assertEquals("1", scalar(file, "SELECT max(version) FROM schema_version"));
    Fixtures.sql(file, "INSERT INTO counters VALUES ('kept', 7, 0)");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      assertEquals(7, store.counters().get("kept"));
      store.documents().ingest("doc", "Migrated databases can hold documents.", Map.of());
      assertEquals(1, store.documents().search("documents", 3).size());
    }
    assertEquals(
        String.valueOf(Migrations.latest()),
        scalar(file, "SELECT max(version) FROM schema_version"));
  }

  @Test
  void blankIdsAreArgumentErrorsNamingTheParameter() {
    try (MemoryStore store = SqliteMemoryStore.inMemory()) {
      var e =
          assertThrows(
              IllegalArgumentException.class, () -> store.documents().ingest(" ", "x", Map.of()));
      assertTrue(e.getMessage().contains("sourceId"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> store.counters().add("", 1));
      assertThrows(LimitExceededException.class, () -> store.forget("x".repeat(600)));
      assertThrows(NullPointerException.class, () -> store.forget(null));
      var blank = assertThrows(IllegalArgumentException.class, () -> store.forget(""));
      assertTrue(blank.getMessage().contains("subject"), blank.getMessage());
    }
  }

  @Test
  void theLogIsCopiedIntoTheDatabaseFileInTheBackgroundWhileTheStoreIsOpen()
      throws IOException, InterruptedException {
    Path file = dir.resolve("olympus.db");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      long before = Files.size(file);
      // About 150 pages: below SQLite's default automatic checkpoint (1,000 pages) and far below
      // the writer's own, so only the background checkpoint copies them into the file.
      store.events().appendAll(IntStream.range(0, 1_000).mapToObj(i -> event("p", i)).toList());
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (Files.size(file) == before && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(Files.size(file) > before, "the database file did not grow");
      assertEquals(1_000, store.events().byPlan("p").size());
      assertTrue(store.events().verify().intact());
    }
  }

  private static String scalar(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
