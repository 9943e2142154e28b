package dev.olympus.memory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.memory.contract.Fixtures;
import dev.olympus.memory.internal.CanonicalJson;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a chained event log by hand, as a library with an older schema wrote it. */
final class LegacyLog {
  private LegacyLog() {}

  /**
   * Inserts {@code events} as rows 1..n of the log at {@code file}, chained, and moves the head.
   */
  static void write(Path file, List<PlanEvent> events) {
    String prev = Hashes.ZERO;
    List<String> rows = new ArrayList<>();
    for (int seq = 1; seq <= events.size(); seq++) {
      PlanEvent event = events.get(seq - 1);
      String payload = canonical(event);
      String payloadHash = Hashes.sha256(payload);
      long millis = event.timestamp().toEpochMilli();
      String hash = Hashes.link(Hashes.sha256(), prev, seq, millis, payloadHash);
      rows.add(
          String.format(
              "INSERT INTO events(seq, ts_ms, payload, payload_hash, prev_hash, hash) VALUES"
                  + " (%d, %d, '%s', '%s', '%s', '%s')",
              seq, millis, payload, payloadHash, prev, hash));
      prev = hash;
    }
    rows.add(
        "UPDATE chain SET head_seq = "
            + events.size()
            + ", head_hash = '"
            + prev
            + "' WHERE id = 1");
    Fixtures.sql(file, rows.toArray(String[]::new));
  }

  /** The canonical JSON of {@code event}, through the tree writer (not the fast encoder). */
  static String canonical(PlanEvent event) {
    try {
      return CanonicalJson.write(new ObjectMapper().readTree(PlanJson.write(event)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
