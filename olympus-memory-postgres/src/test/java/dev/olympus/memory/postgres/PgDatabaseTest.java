package dev.olympus.memory.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.StorageException;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.memory.postgres.internal.PgDatabase;
import dev.olympus.memory.postgres.internal.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The transactions the layers run on PostgreSQL, on the real server: a nested call joins the outer
 * write (its rows, its rollback), a serialized write holds the store-wide advisory lock and a
 * row-locking one does not (unless a serialized write nests in it), a snapshot read sees one
 * snapshot, and a closed database refuses work from any thread. The layers never nest calls today,
 * so the public API does not reach the joining paths; this is the {@code Database} contract.
 */
@ExtendWith(TestPostgres.Resolver.class)
class PgDatabaseTest {
  private TestPostgres server;
  private String url;
  private PgDatabase db;

  @BeforeEach
  void open(TestPostgres server) {
    this.server = server;
    url = server.freshSchema();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(url);
    source.setUser(server.user());
    source.setPassword(server.password());
    db = new PgDatabase(source, Optional.empty(), "the test database");
    db.write("creating the table", s -> update(s, "CREATE TABLE t (x INTEGER)"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static int update(Session s, String sql) throws SQLException {
    return s.update(sql);
  }

  private static long rows(Session s) throws SQLException {
    return s.first("SELECT count(*) FROM t", rs -> rs.getLong(1)).orElseThrow();
  }

  private long committedRows() {
    return db.read("counting", PgDatabaseTest::rows);
  }

  private static boolean holdsTheStoreLock(Session s) throws SQLException {
    return s.first(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    + " AND pid = pg_backend_pid()",
                rs -> rs.getLong(1))
            .orElseThrow()
        > 0;
  }

  @Test
  void aWriteInsideAWriteJoinsItAndRollsBackWithIt() {
    long seen =
        db.write(
            "outer",
            s -> {
              update(s, "INSERT INTO t VALUES (1)");
              return db.write(
                  "inner", inner -> update(inner, "INSERT INTO t VALUES (2)") + rows(s));
            });
    assertEquals(3, seen, "the inner write's own row and the outer's, in one transaction");

    assertThrows(
        IllegalStateException.class,
        () ->
            db.write(
                "outer",
                s -> {
                  db.writeLockingRows("inner", inner -> update(inner, "INSERT INTO t VALUES (3)"));
                  throw new IllegalStateException("the outer work fails");
                }));
    assertEquals(2, committedRows(), "the inner write was rolled back with the outer one");
  }

  @Test
  void readsInsideAWriteSeeItsUncommittedRows() {
    List<Long> seen =
        db.write(
            "writing",
            s -> {
              update(s, "INSERT INTO t VALUES (1)");
              return List.of(
                  db.read("reading", PgDatabaseTest::rows),
                  db.readSnapshot("reading a snapshot", PgDatabaseTest::rows));
            });
    assertEquals(List.of(1L, 1L), seen);
  }

  @Test
  void serializedWritesHoldTheStoreLockAndRowLockingWritesDoNotUnlessOneNests() {
    assertTrue(db.write("serialized", PgDatabaseTest::holdsTheStoreLock));
    assertFalse(db.writeLockingRows("row-locking", PgDatabaseTest::holdsTheStoreLock));
    boolean nestedSerialized =
        db.writeLockingRows(
            "row-locking", s -> db.write("nested serialized", PgDatabaseTest::holdsTheStoreLock));
    assertTrue(nestedSerialized);
    boolean nestedRowLocking =
        db.writeLockingRows(
            "row-locking",
            s -> db.writeLockingRows("nested row-locking", PgDatabaseTest::holdsTheStoreLock));
    assertFalse(nestedRowLocking);
  }

  @Test
  void aSnapshotReadDoesNotSeeWhatAnotherConnectionCommitsMeanwhile() {
    List<Long> seen =
        db.readSnapshot(
            "reading twice",
            s -> {
              long before = rows(s);
              try (Connection other = DriverManager.getConnection(url, server.user(), "")) {
                other.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
              }
              return List.of(before, rows(s));
            });
    assertEquals(List.of(0L, 0L), seen);
    assertEquals(1, committedRows());
  }

  @Test
  void aSnapshotReadIsReadOnly() {
    var e =
        assertThrows(
            StorageException.class,
            () ->
                db.readSnapshot(
                    "writing in a snapshot", s -> update(s, "INSERT INTO t VALUES (1)")));
    assertTrue(e.getMessage().contains("the test database"), e.getMessage());
    assertEquals(0, committedRows());
  }

  @Test
  void aClosedDatabaseRefusesWorkFromAnyThread() {
    db.close();
    var e =
        assertThrows(
            CompletionException.class,
            () -> CompletableFuture.supplyAsync(this::committedRows).join());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertThrows(IllegalStateException.class, this::committedRows);
  }
}
