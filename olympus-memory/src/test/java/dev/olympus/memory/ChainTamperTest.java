package dev.olympus.memory;

import static dev.olympus.memory.contract.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering done with plain SQL on the file, then an ordinary append through the API: a broken head
 * is never signed over, appending to it is refused, and verify() keeps reporting the break.
 */
class ChainTamperTest {
  private static final byte[] KEY = "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private Path fiveEvents(Optional<byte[]> key) {
    Path file = dir.resolve("chain.db");
    try (MemoryStore store = open(file, key)) {
      store.events().appendAll(IntStream.rangeClosed(1, 5).mapToObj(i -> event("p", i)).toList());
      assertTrue(store.events().verify().intact());
    }
    return file;
  }

  private static MemoryStore open(Path file, Optional<byte[]> key) {
    SqliteMemoryStore.Builder builder = SqliteMemoryStore.builder().path(file);
    key.ifPresent(builder::hmacKey);
    return builder.build();
  }

  @Test
  void withAKeyATruncatedTailWithAMovedHeadIsNotSignedOverByTheNextAppend() {
    assertTamperingRefused(
        Optional.of(KEY),
        3,
        "signature",
        "DELETE FROM events WHERE seq > 3",
        "UPDATE chain SET head_seq = 3, head_hash = (SELECT hash FROM events WHERE seq = 3)");
  }

  @Test
  void withAKeyARewrittenEventWithRecomputedLaterLinksIsNotSignedOver() throws SQLException {
    Path file = fiveEvents(Optional.of(KEY));
    rewrite(file, 3, "event 3", "event X");
    assertAppendRefusedAndStillBroken(file, 5, "signature");
  }

  @Test
  void withAKeyDeletedOldestEventsWithAMovedBaseAreNotSignedOver() {
    assertTamperingRefused(
        Optional.of(KEY),
        5,
        "signature",
        "UPDATE chain SET base_seq = 2, base_hash = (SELECT hash FROM events WHERE seq = 2)",
        "DELETE FROM events WHERE seq <= 2");
  }

  @Test
  void withAKeyAForgedHeadAlsoStopsCheckpointUpdatesForgetAndPrune() {
    Path file = fiveEvents(Optional.of(KEY));
    try (MemoryStore store = open(file, Optional.of(KEY))) {
      store.checkpoints().save(PlanSnapshot.initial(Fixtures.plan("p1"), Fixtures.T0));
    }
    Fixtures.sql(
        file,
        "DELETE FROM events WHERE seq = 5",
        "UPDATE chain SET head_seq = 4, head_hash = (SELECT hash FROM events WHERE seq = 4)");
    try (MemoryStore store =
        SqliteMemoryStore.builder()
            .path(file)
            .hmacKey(KEY)
            .retention(RetentionPolicy.keepAll().withMaxAge(Layer.EVENTS, Duration.ofSeconds(1)))
            .build()) {
      var events = List.of(event("p1", 9));
      assertThrows(
          ChainBrokenException.class,
          () ->
              store
                  .checkpoints()
                  .update("p1", PlanState.RUNNING, Map.of(), events, Fixtures.T0.plusSeconds(9)));
      assertEquals(PlanState.DRAFT, store.checkpoints().load("p1").orElseThrow().state());
      assertThrows(ChainBrokenException.class, () -> store.forget("p"));
      assertThrows(ChainBrokenException.class, () -> store.prune(Fixtures.T0.plusSeconds(3600)));
      assertEquals(4, store.events().since(0, 100).size());
    }
  }

  @Test
  void openingAStoreWithABrokenHeadWarnsAndStillReadsAndVerifies() {
    Path file = fiveEvents(Optional.of(KEY));
    Fixtures.sql(file, "UPDATE chain SET signature = NULL");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8)); // slf4j-simple's target
    try (MemoryStore store = open(file, Optional.of(KEY))) {
      System.setErr(original);
      assertEquals(5, store.events().since(0, 10).size());
      assertFalse(store.events().verify().intact());
    } finally {
      System.setErr(original);
    }
    String warning = err.toString(StandardCharsets.UTF_8);
    assertTrue(warning.contains("WARN") && warning.contains("signature"), warning);
  }

  @Test
  void aNewKeyedStoreVerifiesAndAppendsFromItsUnsignedStart() {
    try (MemoryStore store = open(dir.resolve("new.db"), Optional.of(KEY))) {
      assertTrue(store.events().verify().intact(), store.events().verify().toString());
      store.events().append(event("p", 1));
      assertTrue(store.events().head().signature().isPresent());
      assertTrue(store.events().verify().intact());
    }
  }

  @Test
  void aDeletedChainRowIsReportedAsBrokenAndRefusesAppends() {
    Path file = fiveEvents(Optional.empty());
    Fixtures.sql(file, "DELETE FROM chain");
    try (MemoryStore store = open(file, Optional.empty())) {
      ChainVerification.Broken broken = (ChainVerification.Broken) store.events().verify();
      assertEquals(5, broken.seq());
      assertTrue(broken.problem().contains("chain row"), broken.problem());
      var e = assertThrows(ChainBrokenException.class, () -> store.events().append(event("p", 6)));
      assertEquals(5, e.seq());
      assertThrows(ChainBrokenException.class, () -> store.events().head());
    }
  }

  @Test
  void aStoreWhoseChainTableWasDroppedStillOpensForReading() {
    Path file = fiveEvents(Optional.empty());
    Fixtures.sql(file, "DROP TABLE chain");
    try (MemoryStore store = open(file, Optional.empty())) {
      assertEquals(5, store.events().since(0, 10).size());
      assertThrows(StorageException.class, () -> store.events().append(event("p", 6)));
    }
  }

  @Test
  void anEditedHeadHashIsNamedAsSuchAndRefusesAppends() {
    assertTamperingRefused(
        Optional.empty(),
        5,
        "the head was edited",
        "UPDATE chain SET head_hash = '" + "ab".repeat(32) + "'");
  }

  @Test
  void withoutAKeyATailDeletedBehindAnUnmovedHeadRefusesAppends() {
    assertTamperingRefused(
        Optional.empty(), 5, "events 4 to 5 are missing", "DELETE FROM events WHERE seq >= 4");
  }

  @Test
  void withoutAKeyAnEditedLastEventRefusesAppends() {
    assertTamperingRefused(
        Optional.empty(),
        5,
        "payload hash",
        "UPDATE events SET payload = replace(payload, 'event 5', 'event X') WHERE seq = 5");
  }

  // Looks like what forget leaves, but no tombstone lists it: an event removed by hand.
  @Test
  void anEventMarkedRedactedByHandWithoutATombstoneIsABreak() {
    Path file = fiveEvents(Optional.empty());
    Fixtures.sql(
        file,
        "UPDATE events SET payload = '{\"redacted\":true}', redacted = 1, plan_id = NULL"
            + " WHERE seq = 3");
    try (MemoryStore store = open(file, Optional.empty())) {
      assertEquals(
          new ChainVerification.Broken(3, "event 3 was redacted without a tombstone"),
          store.events().verify());
    }
  }

  private void assertTamperingRefused(
      Optional<byte[]> key, long seq, String problem, String... tampering) {
    Path file = fiveEvents(key);
    Fixtures.sql(file, tampering);
    assertAppendRefusedAndStillBroken(file, key, seq, problem);
  }

  private void assertAppendRefusedAndStillBroken(Path file, long seq, String problem) {
    assertAppendRefusedAndStillBroken(file, Optional.of(KEY), seq, problem);
  }

  private void assertAppendRefusedAndStillBroken(
      Path file, Optional<byte[]> key, long seq, String problem) {
    try (MemoryStore store = open(file, key)) {
      long rows = store.events().since(0, 100).size();
      var e = assertThrows(ChainBrokenException.class, () -> store.events().append(event("p", 6)));
      assertTrue(e.problem().contains(problem), e.getMessage());
      assertEquals(rows, store.events().since(0, 100).size());
      ChainVerification result = store.events().verify();
      assertFalse(result.intact());
      ChainVerification.Broken broken = (ChainVerification.Broken) result;
      assertEquals(seq, broken.seq(), broken.toString());
      assertTrue(broken.problem().contains(problem), broken.problem());
    }
  }

  /**
   * Replaces {@code from} by {@code to} in event {@code seq}'s payload and recomputes that event's
   * hashes, every later link and the head: what an attacker without the key can do.
   */
  private static void rewrite(Path file, long seq, String from, String to) throws SQLException {
    MessageDigest digest = Hashes.sha256();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.setAutoCommit(false);
      String prev = hashOf(c, seq - 1);
      PreparedStatement rows =
          c.prepareStatement("SELECT seq, ts_ms, payload FROM events WHERE seq >= ? ORDER BY seq");
      rows.setLong(1, seq);
      PreparedStatement update =
          c.prepareStatement(
              "UPDATE events SET payload = ?, payload_hash = ?, prev_hash = ?, hash = ?"
                  + " WHERE seq = ?");
      try (ResultSet rs = rows.executeQuery()) {
        while (rs.next()) {
          String payload = rs.getString(3).replace(from, to);
          String payloadHash = Hashes.sha256(digest, payload);
          String hash = Hashes.link(digest, prev, rs.getLong(1), rs.getLong(2), payloadHash);
          update.setString(1, payload);
          update.setString(2, payloadHash);
          update.setString(3, prev);
          update.setString(4, hash);
          update.setLong(5, rs.getLong(1));
          update.executeUpdate();
          prev = hash;
        }
      }
      try (PreparedStatement head = c.prepareStatement("UPDATE chain SET head_hash = ?")) {
        head.setString(1, prev);
        head.executeUpdate();
      }
      c.commit();
    }
  }

  private static String hashOf(Connection c, long seq) throws SQLException {
    try (PreparedStatement find = c.prepareStatement("SELECT hash FROM events WHERE seq = ?")) {
      find.setLong(1, seq);
      try (ResultSet rs = find.executeQuery()) {
        return rs.getString(1);
      }
    }
  }
}
