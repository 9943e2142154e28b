package dev.olympus.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.internal.sqlite.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events' plan id column (V6): backfilled on upgrade, cleared by redaction, verified. */
class EventPlanColumnTest {
  @TempDir Path dir;

  @Test
  void aVersionFiveLogGetsItsPlanIdsAndStillVerifies() throws SQLException {
    Path file = dir.resolve("v5.db");
    Migrations.migrateTo(file, 5);
    LegacyLog.write(
        file,
        IntStream.rangeClosed(1, 4)
            .mapToObj(i -> Fixtures.event(i % 2 == 1 ? "a" : "b", i))
            .toList());
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      assertTrue(store.events().verify().intact());
      assertEquals(List.of(1L, 3L), seqs(store.events().byPlan("a")));
      store.events().append(Fixtures.event("b", 5));
      assertEquals(List.of(2L, 4L, 5L), seqs(store.events().byPlan("b")));
      assertTrue(store.events().verify().intact());
    }
    assertEquals(Arrays.asList("a", "b", "a", "b", "b"), planIds(file));
  }

  @Test
  void aRedactedRowIsBackfilledWithoutAPlanId() throws SQLException {
    Path file = dir.resolve("v5-redacted.db");
    Migrations.migrateTo(file, 5);
    Fixtures.sql(
        file,
        "INSERT INTO events(seq, ts_ms, payload, payload_hash, prev_hash, hash, redacted) VALUES"
            + " (1, 0, '{\"redacted\":true}', 'x', 'y', 'z', 1)");
    Migrations.migrateTo(file, Migrations.latest());
    assertEquals(Arrays.asList((String) null), planIds(file));
  }

  @Test
  void forgettingAPlanClearsItsPlanIdAndTheChainStaysIntact() throws SQLException {
    Path file = dir.resolve("forget.db");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      store
          .events()
          .appendAll(IntStream.range(0, 3).mapToObj(i -> Fixtures.event("p", i)).toList());
      store.events().append(Fixtures.event("kept", 3));
      store.forget("p");
      assertTrue(store.events().byPlan("p").isEmpty());
      assertEquals(1, store.events().byPlan("kept").size());
      assertTrue(store.events().verify().intact());
    }
    assertFalse(planIds(file).contains("p"));
  }

  @Test
  void aPlanIdThatDisagreesWithItsPayloadBreaksTheChain() {
    Path file = dir.resolve("moved.db");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      store
          .events()
          .appendAll(IntStream.range(0, 3).mapToObj(i -> Fixtures.event("p", i)).toList());
    }
    assertBrokenAtTwo(file, "UPDATE events SET plan_id = 'other' WHERE seq = 2", "plan other");
  }

  @Test
  void aRedactedRowThatStillNamesItsPlanBreaksTheChain() {
    Path file = dir.resolve("half-redacted.db");
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      store
          .events()
          .appendAll(IntStream.range(0, 3).mapToObj(i -> Fixtures.event("p", i)).toList());
      store.forget("p");
    }
    assertBrokenAtTwo(file, "UPDATE events SET plan_id = 'p' WHERE seq = 2", "still names plan p");
  }

  private static void assertBrokenAtTwo(Path file, String edit, String problem) {
    Fixtures.sql(file, edit);
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      ChainVerification.Broken broken = (ChainVerification.Broken) store.events().verify();
      assertEquals(2, broken.seq());
      assertTrue(broken.problem().contains(problem), broken.problem());
    }
  }

  private static List<Long> seqs(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::seq).toList();
  }

  private static List<String> planIds(Path file) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet rs =
            c.createStatement().executeQuery("SELECT plan_id FROM events ORDER BY seq")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
