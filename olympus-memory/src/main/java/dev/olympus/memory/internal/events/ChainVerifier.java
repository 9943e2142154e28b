package dev.olympus.memory.internal.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.memory.ChainVerification;
import dev.olympus.memory.StoredEvent;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.memory.internal.sql.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks the event chain from its base to its head. Each row must have the next sequence number, its
 * payload must match its payload hash (unless redacted), its previous hash must be the hash of the
 * row before, and its hash must be the link of those; the last row must be the recorded head (whose
 * signature is checked when a key is set). A redacted row must be listed by a later {@code
 * memory.forget} tombstone, so marking a row redacted by hand is detected too. {@link
 * #headProblem(Session)} makes the same checks on the chain's end only, before a new head is
 * signed.
 */
final class ChainVerifier {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String COLUMNS =
      "seq, payload, payload_hash, prev_hash, hash, redacted, kind, ts_ms, plan_id";

  private final Optional<byte[]> key;
  private final MessageDigest digest = Hashes.sha256();
  private final Set<Long> redacted = new TreeSet<>();
  private final Set<Long> tombstoned = new HashSet<>();

  ChainVerifier(Optional<byte[]> key) {
    this.key = key;
  }

  /** One row of the {@code events} table. */
  private record Row(
      long seq,
      String payload,
      String payloadHash,
      String prevHash,
      String hash,
      boolean redacted,
      String kind,
      long millis,
      String planId) {
    static Row of(ResultSet rs) throws SQLException {
      return new Row(
          rs.getLong(1),
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          rs.getString(5),
          rs.getInt(6) == 1,
          rs.getString(7),
          rs.getLong(8),
          rs.getString(9));
    }
  }

  ChainVerification verify(Session s) throws SQLException {
    Optional<ChainState> chain = ChainState.read(s);
    if (chain.isEmpty()) {
      return new ChainVerification.Broken(lastSeq(s), ChainState.MISSING);
    }
    String prev = chain.get().baseHash();
    long expected = chain.get().baseSeq() + 1;
    try (ResultSet rs =
        s.prepare("SELECT " + COLUMNS + " FROM events ORDER BY seq").executeQuery()) {
      while (rs.next()) {
        Row row = Row.of(rs);
        String problem = problem(row, expected, prev);
        if (problem != null) {
          return new ChainVerification.Broken(row.seq(), problem);
        }
        prev = row.hash();
        expected++;
      }
    }
    return finish(chain.get(), expected - 1, prev);
  }

  /**
   * What is wrong with the chain's end, if anything: a missing chain row, a last event that does
   * not link to the one before it (or to the base), a head that is not that event, or (with a key)
   * a head whose signature does not match. Reads the chain row and the last two events only.
   */
  Optional<ChainVerification.Broken> headProblem(Session s) throws SQLException {
    Optional<ChainState> chain = ChainState.read(s);
    if (chain.isEmpty()) {
      return Optional.of(new ChainVerification.Broken(lastSeq(s), ChainState.MISSING));
    }
    ChainState state = chain.get();
    List<Row> tail =
        s.query("SELECT " + COLUMNS + " FROM events ORDER BY seq DESC LIMIT 2", Row::of);
    if (!tail.isEmpty()) {
      Row last = tail.get(0);
      long beforeSeq = tail.size() > 1 ? tail.get(1).seq() : state.baseSeq();
      String before = tail.size() > 1 ? tail.get(1).hash() : state.baseHash();
      String problem = problem(last, beforeSeq + 1, before);
      if (problem != null) {
        return Optional.of(new ChainVerification.Broken(last.seq(), problem));
      }
    }
    long lastSeq = tail.isEmpty() ? state.baseSeq() : tail.get(0).seq();
    String lastHash = tail.isEmpty() ? state.baseHash() : tail.get(0).hash();
    return headMismatch(state, lastSeq, lastHash);
  }

  private String problem(Row row, long expected, String prev) {
    long seq = row.seq();
    if (seq != expected) {
      return "expected event " + expected + " but found " + seq + " (missing or moved events)";
    }
    if (row.redacted()) {
      if (!SqlEventLog.REDACTED_PAYLOAD.equals(row.payload())) {
        return "event " + seq + " is marked redacted but carries a payload";
      }
      if (row.planId() != null) {
        return "event " + seq + " is redacted but still names plan " + row.planId();
      }
      redacted.add(seq);
    } else if (!Hashes.sha256(digest, row.payload()).equals(row.payloadHash())) {
      return "event " + seq + " does not match its payload hash (edited)";
    } else if (!Objects.equals(row.planId(), planIdOf(row.payload()))) {
      return "event " + seq + " is filed under plan " + row.planId() + ", not its payload's";
    } else if (StoredEvent.FORGET.equals(row.kind())) {
      collectTombstoned(row.payload());
    }
    if (!prev.equals(row.prevHash())) {
      return "event " + seq + " does not point to the hash of event " + (seq - 1);
    }
    if (!Hashes.link(digest, prev, seq, row.millis(), row.payloadHash()).equals(row.hash())) {
      return "event " + seq + " has a wrong hash";
    }
    return null;
  }

  // The payload's top-level planId, read without building a tree.
  private static String planIdOf(String payload) {
    try (JsonParser parser = MAPPER.getFactory().createParser(payload)) {
      parser.nextToken(); // the payload is an object
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        if ("planId".equals(parser.currentName())) {
          return parser.nextTextValue();
        }
        parser.nextToken();
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void collectTombstoned(String payload) {
    try {
      JsonNode seqs = MAPPER.readTree(payload).path("data").path("redactedSeqs");
      seqs.forEach(n -> tombstoned.add(n.asLong()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ChainVerification finish(ChainState chain, long last, String lastHash) {
    for (long seq : redacted) {
      if (!tombstoned.contains(seq)) {
        return new ChainVerification.Broken(
            seq, "event " + seq + " was redacted without a tombstone");
      }
    }
    return headMismatch(chain, last, lastHash)
        .<ChainVerification>map(broken -> broken)
        .orElseGet(() -> new ChainVerification.Intact(last - chain.baseSeq(), chain.head()));
  }

  // The head against the last event (the base when the log is empty), then its signature.
  private Optional<ChainVerification.Broken> headMismatch(
      ChainState chain, long lastSeq, String lastHash) {
    return chain
        .headMismatch(lastSeq, lastHash)
        .or(() -> chain.signatureMismatch(key))
        .map(problem -> new ChainVerification.Broken(chain.head().seq(), problem));
  }

  /** The largest sequence number in the log, 0 when it is empty. */
  static long lastSeq(Session s) throws SQLException {
    return s.first("SELECT coalesce(max(seq), 0) FROM events", rs -> rs.getLong(1)).orElse(0L);
  }
}
