package dev.olympus.memory;

import static dev.olympus.memory.contract.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.olympus.memory.contract.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify() finds every single-row tampering, where its Javadoc says the chain breaks. */
class ChainPropertiesTest {
  private static final int EVENTS = 8;
  @TempDir static Path dir;
  private static Path pristine;

  @BeforeAll
  static void writeLog() {
    pristine = dir.resolve("pristine.db");
    try (MemoryStore store = SqliteMemoryStore.open(pristine)) {
      store.events().appendAll(IntStream.range(0, EVENTS).mapToObj(i -> event("p", i)).toList());
      store.forget("p"); // the tail: a tombstone after EVENTS redacted rows
      store.events().appendAll(IntStream.range(0, 3).mapToObj(i -> event("q", i)).toList());
    }
  }

  private static final String[] EDITS = {
    "UPDATE events SET payload = payload || ' ' WHERE seq = %d",
    "UPDATE events SET hash = substr(hash, 2) || '0' WHERE seq = %d",
    "UPDATE events SET prev_hash = substr(prev_hash, 2) || '1' WHERE seq = %d",
    "UPDATE events SET payload_hash = substr(payload_hash, 2) || '2' WHERE seq = %d",
    "UPDATE events SET ts_ms = ts_ms + 1 WHERE seq = %d",
    "UPDATE events SET redacted = 1 - redacted WHERE seq = %d",
    "DELETE FROM events WHERE seq = %d",
  };

  @Test
  void everySingleRowEditOrDeleteIsDetectedAtThatRow() {
    long rows = EVENTS + 1 + 3;
    qt().withExamples(40)
        .forAll(integers().between(1, (int) rows), integers().between(0, EDITS.length - 1))
        .checkAssert(
            (seq, edit) -> {
              Path copy = copy("edit");
              Fixtures.sql(copy, String.format(EDITS[edit], seq));
              // A deleted row breaks the chain at the row after it, or at the head if it was last.
              long at = EDITS[edit].startsWith("DELETE") ? Math.min(seq + 1, rows) : seq;
              assertBrokenAt(copy, at, EDITS[edit]);
            });
  }

  @Test
  void everySwapOfTwoRowsIsDetected() {
    long rows = EVENTS + 1 + 3;
    qt().withExamples(30)
        // Two distinct rows without an assumption (a filter can starve QuickTheories' search).
        .forAll(integers().between(1, (int) rows - 2), integers().between(1, (int) rows - 2))
        .checkAssert(
            (x, y) -> {
              int a = Math.min(x, y);
              int b = Math.max(x, y) + 1;
              Path copy = copy("swap");
              Fixtures.sql(
                  copy,
                  "UPDATE events SET seq = -1 WHERE seq = " + a,
                  "UPDATE events SET seq = " + a + " WHERE seq = " + b,
                  "UPDATE events SET seq = " + b + " WHERE seq = -1");
              assertBrokenAt(copy, a, "swap " + a + " " + b);
            });
  }

  private static Path copy(String name) {
    try {
      Path copy = Files.createTempFile(dir, name, ".db");
      Files.copy(pristine, copy, StandardCopyOption.REPLACE_EXISTING);
      return copy;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertBrokenAt(Path file, long seq, String what) {
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      ChainVerification result = store.events().verify();
      assertTrue(!result.intact(), what + " not detected");
      assertEquals(seq, ((ChainVerification.Broken) result).seq(), what + ": " + result);
    }
  }
}
