package dev.olympus.memory;

import static dev.olympus.memory.contract.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.olympus.memory.contract.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  @TempDir Path dir;

  private MemoryStore open(Path file) {
    return SqliteMemoryStore.open(file);
  }

  @Test
  void detectsEditDeleteAndTruncation() {
    Path file = dir.resolve("m.db");
    try (MemoryStore store = open(file)) {
      store.events().appendAll(IntStream.range(0, 5).mapToObj(i -> event("p", i)).toList());
    }
    Fixtures.sql(
        file, "UPDATE events SET payload = replace(payload, 'event 2', 'event X') WHERE seq = 3");
    assertBroken(file, 3);
    Fixtures.sql(file, "DELETE FROM events WHERE seq = 3");
    assertBroken(file, 4); // the row after the deleted one
    Fixtures.sql(file, "DELETE FROM events WHERE seq >= 3");
    assertBroken(file, 5); // the head, which names an event that is gone
  }

  private void assertBroken(Path file, long seq) {
    try (MemoryStore store = open(file)) {
      ChainVerification result = store.events().verify();
      assertFalse(result.intact());
      assertEquals(seq, ((ChainVerification.Broken) result).seq(), result.toString());
    }
  }

  @Test
  void hmacDetectsDeletedOldestEventsWithARewrittenBase() {
    Path file = dir.resolve("m.db");
    byte[] key = "0123456789abcdef0123".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (MemoryStore store = SqliteMemoryStore.builder().path(file).hmacKey(key).build()) {
      for (int i = 1; i <= 5; i++) {
        store.events().append(event("p", i));
      }
      assertTrue(store.events().verify().intact());
    }
    // Someone with write access drops events 1-2 and moves the base to event 2's hash.
    Fixtures.sql(
        file,
        "UPDATE chain SET base_seq = 2, base_hash = (SELECT hash FROM events WHERE seq = 2)",
        "DELETE FROM events WHERE seq <= 2");
    try (MemoryStore store = open(file)) {
      assertTrue(store.events().verify().intact()); // without the key it is indistinguishable
    }
    try (MemoryStore store = SqliteMemoryStore.builder().path(file).hmacKey(key).build()) {
      ChainVerification result = store.events().verify();
      assertInstanceOf(ChainVerification.Broken.class, result);
      assertTrue(((ChainVerification.Broken) result).problem().contains("signature"));
    }
  }

  @Test
  void hmacDetectsARewrittenChain() {
    Path file = dir.resolve("m.db");
    byte[] key = "0123456789abcdef0123".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (MemoryStore store = SqliteMemoryStore.builder().path(file).hmacKey(key).build()) {
      store.events().append(event("p", 1));
      assertTrue(store.events().head().signature().isPresent());
      assertTrue(store.events().verify().intact());
    }
    // Without the key, an attacker can drop the last event and recompute the head, not sign it.
    try (MemoryStore store = open(file)) {
      store.events().append(event("p", 2));
      assertTrue(store.events().verify().intact()); // no key configured: signature not checked
    }
    try (MemoryStore store = SqliteMemoryStore.builder().path(file).hmacKey(key).build()) {
      ChainVerification result = store.events().verify();
      assertInstanceOf(ChainVerification.Broken.class, result);
      assertTrue(((ChainVerification.Broken) result).problem().contains("signature"));
    }
  }

  @Test
  void forgetRedactsAndLeavesAVerifiableTombstone() {
    Path file = dir.resolve("m.db");
    try (MemoryStore store = open(file)) {
      store.events().append(event("secret-plan", 1));
      store.events().append(event("other", 2));
      ForgetReport report = store.forget("secret-plan");
      assertEquals(1, report.removed().get(Layer.EVENTS));
      List<StoredEvent> all = store.events().since(0, 10);
      assertTrue(all.get(0).redacted());
      assertFalse(all.get(1).redacted());
      StoredEvent tombstone = all.get(2);
      assertEquals(StoredEvent.FORGET, tombstone.event().kind());
      assertFalse(tombstone.event().data().toString().contains("secret-plan"));
      assertTrue(store.events().byPlan("secret-plan").isEmpty());
      assertTrue(store.events().verify().intact(), store.events().verify().toString());
    }
    // Marking a row redacted by hand (no tombstone lists it) is a broken link.
    Fixtures.sql(
        file, "UPDATE events SET payload = '{\"redacted\":true}', redacted = 1 WHERE seq = 2");
    assertBroken(file, 2);
  }
}
