package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.olympus.memory.internal.sqlite.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening while another connection holds the write lock waits for it (up to the busy timeout), and
 * a migration re-reads the schema version once it has the lock.
 */
class OpeningUnderLockTest {
  @TempDir Path dir;

  @Test
  void openingANewFileWaitsWhileAnotherConnectionHoldsAnExclusiveLock() throws Exception {
    Path file = dir.resolve("locked.db");
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = other.createStatement()) {
      s.execute("CREATE TABLE other (x)");
      s.execute("BEGIN EXCLUSIVE");
      s.execute("INSERT INTO other VALUES (1)");
      CompletableFuture<Long> opened = openAsync(file);
      Thread.sleep(500);
      assertFalse(opened.isDone(), "opened (or failed) while the file was locked");
      s.execute("COMMIT");
      assertEquals(0L, opened.get(60, TimeUnit.SECONDS));
    }
  }

  @Test
  void aMigrationThatAnotherProcessAppliedWhileThisOneWaitedIsNotAppliedAgain() throws Exception {
    Path file = dir.resolve("v4.db");
    Migrations.migrateTo(file, 4);
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      for (String statement : script("V5__leases.sql").split(";\\s*\n")) {
        if (!statement.isBlank()) {
          s.execute(statement); // SQLite skips the leading comment lines
        }
      }
      s.execute("INSERT INTO schema_version VALUES (5, 'V5__leases.sql', 0)");
      CompletableFuture<Long> opened = openAsync(file); // sees version 4 until the commit
      Thread.sleep(500);
      s.execute("COMMIT");
      assertEquals(0L, opened.get(60, TimeUnit.SECONDS));
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_version WHERE version = 5")) {
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  private static CompletableFuture<Long> openAsync(Path file) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (MemoryStore store = SqliteMemoryStore.open(file)) {
            return store.events().lastSeq();
          }
        });
  }

  private static String script(String name) throws IOException {
    try (InputStream in =
        Migrations.class.getResourceAsStream("/dev/olympus/memory/internal/sqlite/db/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
