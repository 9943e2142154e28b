package dev.olympus.memory.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.memory.ChainHead;
import dev.olympus.memory.ChainVerification;
import dev.olympus.memory.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks the event chain from its base to its head. Each row must have the next sequence number, its
 * payload must match its payload hash (unless redacted), its previous hash must be the hash of the
 * row before, and its hash must be the link of those; the last row must be the recorded head (whose
 * signature is checked when a key is set). A redacted row must be listed by a later {@code
 * memory.forget} tombstone, so marking a row redacted by hand is detected too.
 */
final class ChainVerifier {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Optional<byte[]> key;
  private final MessageDigest digest = Hashes.sha256();
  private final Set<Long> redacted = new TreeSet<>();
  private final Set<Long> tombstoned = new HashSet<>();

  ChainVerifier(Optional<byte[]> key) {
    this.key = key;
  }

  ChainVerification verify(Session s) throws SQLException {
    long baseSeq;
    String prev;
    String base = SqlEventLog.base(s);
    try (ResultSet rs =
        s.prepare("SELECT base_seq, base_hash FROM chain WHERE id = 1").executeQuery()) {
      rs.next();
      baseSeq = rs.getLong(1);
      prev = rs.getString(2);
    }
    ChainHead head = SqlEventLog.head(s);
    long expected = baseSeq + 1;
    try (ResultSet rs =
        s.prepare(
                "SELECT seq, payload, payload_hash, prev_hash, hash, redacted, kind, ts_ms FROM events"
                    + " ORDER BY seq")
            .executeQuery()) {
      while (rs.next()) {
        long seq = rs.getLong(1);
        String problem = problem(rs, expected, prev);
        if (problem != null) {
          return new ChainVerification.Broken(Math.min(seq, expected), problem);
        }
        prev = rs.getString(5);
        expected++;
      }
    }
    return finish(base, head, expected - 1, prev, expected - 1 - baseSeq);
  }

  private String problem(ResultSet rs, long expected, String prev) throws SQLException {
    long seq = rs.getLong(1);
    String payload = rs.getString(2);
    String payloadHash = rs.getString(3);
    if (seq != expected) {
      return "expected event " + expected + " but found " + seq + " (missing or moved events)";
    }
    if (rs.getInt(6) == 1) {
      if (!SqlEventLog.REDACTED_PAYLOAD.equals(payload)) {
        return "event " + seq + " is marked redacted but carries a payload";
      }
      redacted.add(seq);
    } else if (!Hashes.sha256(digest, payload).equals(payloadHash)) {
      return "event " + seq + " does not match its payload hash (edited)";
    } else if (StoredEvent.FORGET.equals(rs.getString(7))) {
      collectTombstoned(payload);
    }
    if (!prev.equals(rs.getString(4))) {
      return "event " + seq + " does not point to the hash of event " + (seq - 1);
    }
    if (!Hashes.link(digest, prev, seq, rs.getLong(8), payloadHash).equals(rs.getString(5))) {
      return "event " + seq + " has a wrong hash";
    }
    return null;
  }

  private void collectTombstoned(String payload) {
    try {
      JsonNode seqs = MAPPER.readTree(payload).path("data").path("redactedSeqs");
      seqs.forEach(n -> tombstoned.add(n.asLong()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ChainVerification finish(
      String base, ChainHead head, long last, String prev, long checked) {
    for (long seq : redacted) {
      if (!tombstoned.contains(seq)) {
        return new ChainVerification.Broken(
            seq, "event " + seq + " was redacted without a tombstone");
      }
    }
    if (last != head.seq() || !prev.equals(head.hash())) {
      return new ChainVerification.Broken(
          Math.min(last + 1, head.seq()),
          "the log ends at event " + last + " but the chain head is event " + head.seq());
    }
    if (key.isPresent()) {
      String expected = SqlEventLog.signed(key.get(), base, head.seq(), head.hash());
      if (!head.signature().map(expected::equals).orElse(false)) {
        return new ChainVerification.Broken(
            head.seq(), "the chain head's signature does not match");
      }
    }
    return new ChainVerification.Intact(checked, head);
  }
}
