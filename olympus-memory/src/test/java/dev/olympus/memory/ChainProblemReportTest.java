package dev.olympus.memory;

import static dev.olympus.memory.contract.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.olympus.memory.contract.Fixtures;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link EventLog#verify()} tells the user about each kind of tampering done with plain SQL on
 * an unkeyed five-event log: the row where the chain breaks and, word for word, what is wrong
 * there, so that an auditor reading the report is pointed at the right event.
 */
class ChainProblemReportTest {
  @TempDir Path dir;

  private ChainVerification verifyAfter(String... tampering) {
    Path file = dir.resolve("chain.db");
    try (MemoryStore store = SqliteMemoryStore.builder().path(file).build()) {
      store.events().appendAll(IntStream.rangeClosed(1, 5).mapToObj(i -> event("p", i)).toList());
    }
    Fixtures.sql(file, tampering);
    try (MemoryStore store = SqliteMemoryStore.builder().path(file).build()) {
      return store.events().verify();
    }
  }

  private void assertBroken(long seq, String problem, String... tampering) {
    assertEquals(new ChainVerification.Broken(seq, problem), verifyAfter(tampering));
  }

  @Test
  void aDeletedMiddleEventIsReportedAtTheEventAfterIt() {
    assertBroken(
        4,
        "expected event 3 but found 4 (missing or moved events)",
        "DELETE FROM events WHERE seq = 3");
  }

  @Test
  void aRowMarkedRedactedByHandStillCarryingItsPayloadIsReported() {
    assertBroken(
        2,
        "event 2 is marked redacted but carries a payload",
        "UPDATE events SET redacted = 1 WHERE seq = 2");
  }

  @Test
  void anEditedPayloadIsReported() {
    assertBroken(
        2,
        "event 2 does not match its payload hash (edited)",
        "UPDATE events SET payload = replace(payload, 'event', 'EVENT') WHERE seq = 2");
  }

  @Test
  void aBrokenBackLinkNamesTheEventBefore() {
    assertBroken(
        3,
        "event 3 does not point to the hash of event 2",
        "UPDATE events SET prev_hash = (SELECT hash FROM events WHERE seq = 1) WHERE seq = 3");
  }

  @Test
  void anEditedRowHashIsReportedAtThatRow() {
    assertBroken(
        3,
        "event 3 has a wrong hash",
        "UPDATE events SET hash = (SELECT hash FROM events WHERE seq = 1) WHERE seq = 3");
  }

  @Test
  void aHeadMovedBackIsReportedAtTheHead() {
    assertBroken(
        4,
        "the log goes on to event 5 past the chain head at event 4",
        "UPDATE chain SET head_seq = 4, head_hash = (SELECT hash FROM events WHERE seq = 4)");
  }

  @Test
  void aHeadAheadOfTheLogNamesTheMissingEvents() {
    assertBroken(
        5,
        "the log ends at event 4 but the chain head is event 5 (events 5 to 5 are missing)",
        "DELETE FROM events WHERE seq = 5");
  }

  @Test
  void anIntactLogCountsTheEventsAfterItsBase() {
    ChainVerification result =
        verifyAfter(
            "UPDATE chain SET base_seq = 2, base_hash = (SELECT hash FROM events WHERE seq = 2)",
            "DELETE FROM events WHERE seq <= 2");
    ChainVerification.Intact intact = assertInstanceOf(ChainVerification.Intact.class, result);
    assertEquals(3, intact.eventsChecked());
    assertEquals(5, intact.head().seq());
  }
}
