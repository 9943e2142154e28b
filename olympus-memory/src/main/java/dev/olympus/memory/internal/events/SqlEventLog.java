package dev.olympus.memory.internal.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.ChainBrokenException;
import dev.olympus.memory.ChainHead;
import dev.olympus.memory.ChainVerification;
import dev.olympus.memory.EventLog;
import dev.olympus.memory.Lease;
import dev.olympus.memory.StorageException;
import dev.olympus.memory.StoredEvent;
import dev.olympus.memory.internal.CanonicalJson;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Hashes;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.fence.Fence;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Dialect;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.memory.internal.sql.SqlWork;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hash-chained event log on the {@code events} and {@code chain} tables. */
public final class SqlEventLog implements EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(SqlEventLog.class);
  static final String REDACTED_PAYLOAD = "{\"redacted\":true}";
  private static final String COLUMNS =
      "seq, ts_ms, payload, payload_hash, prev_hash, hash, redacted";

  // From this many events a batch is encoded on two threads.
  private static final int PARALLEL_EVENTS = 256;

  private final Database db;
  private final Inputs inputs;
  private final Optional<byte[]> key;
  private final MessageDigest writerDigest = Hashes.sha256(); // used under the write lock only
  // The chain row as this store last wrote or checked it. While the row is still exactly that, no
  // one else has moved the head since, so its end needs no second check before the next append.
  private volatile ChainState trusted;

  public SqlEventLog(Database db, Inputs inputs, Optional<byte[]> key) {
    this.db = db;
    this.inputs = inputs;
    this.key = key;
  }

  /** An event turned into its canonical payload, ready to be chained. */
  public record Pending(PlanEvent event, long millis, String payload, String payloadHash) {}

  Pending pending(PlanEvent event, EventEncoder encoder) {
    Checks.notNull(event, "event");
    String payload = inputs.value(encoder.json(event), "event JSON");
    long millis = Inputs.millis(event.timestamp(), "event timestamp");
    return new Pending(event, millis, payload, encoder.sha256(payload));
  }

  /**
   * A host's events turned into their payloads and payload hashes, in order, before any lock is
   * taken: a large batch is split in two halves, encoded on the calling thread and a pool thread.
   *
   * @throws IllegalArgumentException if an event has a kind the store reserves for itself
   */
  public List<Pending> encode(List<PlanEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      String kind = Checks.notNull(events.get(i), "events[" + i + "]").kind();
      if (StoredEvent.FORGET.equals(kind) || StoredEvent.REDACTED.equals(kind)) {
        throw new IllegalArgumentException(
            "events[" + i + "] has kind " + kind + ", which only the store itself writes");
      }
    }
    return encodeChecked(events);
  }

  /** The {@code memory.forget} tombstone, encoded (the one event of a reserved kind). */
  public Pending encodeTombstone(PlanEvent tombstone) {
    Checks.argument(StoredEvent.FORGET.equals(tombstone.kind()), "not a tombstone");
    return encodeChecked(List.of(tombstone)).get(0);
  }

  private List<Pending> encodeChecked(List<PlanEvent> events) {
    int size = events.size();
    int parts = size < PARALLEL_EVENTS ? 1 : 2;
    Pending[] pending = new Pending[size];
    RuntimeException[] failures = new RuntimeException[parts];
    int step = (size + parts - 1) / parts;
    IntStream.range(0, parts)
        .parallel()
        .forEach(
            p -> failures[p] = encode(events, pending, p * step, Math.min(size, (p + 1) * step)));
    for (RuntimeException failure : failures) {
      if (failure != null) {
        throw failure; // the first failing event's error, as a sequential run would report it
      }
    }
    return Arrays.asList(pending);
  }

  private RuntimeException encode(List<PlanEvent> events, Pending[] into, int from, int to) {
    try {
      EventEncoder encoder = new EventEncoder();
      for (int i = from; i < to; i++) {
        into[i] = pending(events.get(i), encoder);
      }
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Override
  public StoredEvent append(PlanEvent event) {
    return appendAll(List.of(event)).get(0);
  }

  @Override
  public List<StoredEvent> appendAll(List<PlanEvent> events) {
    return appendAll(s -> null, events);
  }

  @Override
  public StoredEvent append(Lease fence, PlanEvent event) {
    Checks.notNull(fence, "fence");
    Checks.notNull(event, "event");
    return appendAll(fence, List.of(event)).get(0);
  }

  @Override
  public List<StoredEvent> appendAll(Lease fence, List<PlanEvent> events) {
    Checks.notNull(fence, "fence");
    return appendAll(Fence.guard(fence), events);
  }

  // guard runs first inside the transaction; when it throws, nothing is appended.
  private List<StoredEvent> appendAll(SqlWork<?> guard, List<PlanEvent> events) {
    inputs.batch(events, "events");
    List<Pending> pending = encode(events);
    return db.write(
        "appending events",
        s -> {
          guard.run(s);
          return insert(s, pending);
        });
  }

  /** Chains and inserts {@code pending} inside the caller's write transaction. */
  public List<StoredEvent> insert(Session s, List<Pending> pending) throws SQLException {
    ChainState chain = checkedChain(s);
    long seq = chain.head().seq();
    String prev = chain.head().hash();
    List<StoredEvent> stored = new ArrayList<>(pending.size());
    PreparedStatement insert =
        s.prepare("INSERT INTO events(" + COLUMNS + ", plan_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?)");
    for (Pending p : pending) {
      seq++;
      String hash = Hashes.link(writerDigest, prev, seq, p.millis(), p.payloadHash());
      insert.setLong(1, seq);
      insert.setLong(2, p.millis());
      insert.setString(3, p.payload());
      insert.setString(4, p.payloadHash());
      insert.setString(5, prev);
      insert.setString(6, hash);
      insert.setString(7, p.event().planId());
      insert.addBatch();
      stored.add(new StoredEvent(seq, p.event(), hash, prev));
      prev = hash;
    }
    insert.executeBatch();
    Optional<String> signature = signature(chain.base(), seq, prev);
    s.update(
        "UPDATE chain SET head_seq = ?, head_hash = ?, signature = ? WHERE id = 1",
        seq,
        prev,
        signature.orElse(null));
    // If this transaction rolls back, the row differs from this and the next append checks it.
    trusted =
        new ChainState(chain.baseSeq(), chain.baseHash(), new ChainHead(seq, prev, signature));
    return stored;
  }

  /**
   * The chain row, once its end checks out ({@link ChainVerifier#headProblem}); called before every
   * new head is signed, so a forged head is never signed over.
   *
   * @throws ChainBrokenException if it does not
   */
  private ChainState checkedChain(Session s) throws SQLException {
    Optional<ChainState> current = ChainState.read(s);
    if (current.isPresent() && current.get().equals(trusted)) {
      return current.get();
    }
    Optional<ChainVerification.Broken> broken = new ChainVerifier(key).headProblem(s);
    if (broken.isPresent()) {
      throw new ChainBrokenException(broken.get().seq(), broken.get().problem());
    }
    ChainState checked = ChainState.read(s).orElseThrow();
    trusted = checked;
    return checked;
  }

  /**
   * Logs a warning if the chain's end does not check out (on opening the store, which goes on: the
   * log can still be read and verified).
   */
  public void warnIfBroken(String file) {
    Optional<ChainVerification.Broken> broken;
    try {
      broken = db.read("checking the chain head", s -> new ChainVerifier(key).headProblem(s));
    } catch (StorageException e) {
      LOG.warn("Could not check the event chain of {}: {}", file, e.getMessage());
      return;
    }
    broken.ifPresent(
        b ->
            LOG.warn(
                "The event chain of {} is broken at event {}: {}. Appending to it is refused;"
                    + " EventLog.verify() reports the break.",
                file,
                b.seq(),
                b.problem()));
  }

  /** Redacts the events that mention {@code subject}, returning their sequence numbers. */
  public List<Long> redact(Session s, String subject) throws SQLException {
    String quoted = CanonicalJson.quote(subject);
    List<Long> seqs = new ArrayList<>();
    Dialect sql = db.dialect();
    PreparedStatement find =
        s.prepare(
            "SELECT seq FROM events WHERE redacted = 0 AND kind <> '"
                + StoredEvent.FORGET
                + "' AND (plan_id = ? OR "
                + sql.contains("payload", "?")
                + " OR "
                + sql.contains("payload", "?")
                + " OR "
                + sql.contains("payload", "?")
                + ")");
    Session.bind(find, subject, quoted + ",", quoted + "}", quoted + "]");
    try (ResultSet rs = find.executeQuery()) {
      while (rs.next()) {
        seqs.add(rs.getLong(1));
      }
    }
    for (long seq : seqs) {
      s.update(
          "UPDATE events SET payload = ?, redacted = 1, plan_id = NULL WHERE seq = ?",
          REDACTED_PAYLOAD,
          seq);
    }
    return seqs;
  }

  /** Drops the oldest events with a timestamp before {@code cutoffMillis}, moving the base. */
  public int pruneBefore(Session s, long cutoffMillis) throws SQLException {
    long last = -1;
    String lastHash = null;
    PreparedStatement find = s.prepare("SELECT seq, hash, ts_ms FROM events ORDER BY seq");
    try (ResultSet rs = find.executeQuery()) {
      while (rs.next() && rs.getLong(3) < cutoffMillis) {
        last = rs.getLong(1);
        lastHash = rs.getString(2);
      }
    }
    if (last < 0) {
      return 0;
    }
    ChainHead head = checkedChain(s).head();
    int removed = s.update("DELETE FROM events WHERE seq <= ?", last);
    s.update(
        "UPDATE chain SET base_seq = ?, base_hash = ?, signature = ? WHERE id = 1",
        last,
        lastHash,
        signature(last + ":" + lastHash, head.seq(), head.hash()).orElse(null));
    return removed;
  }

  /**
   * The HMAC of the chain, when a key is set. It covers the base as well as the head, so with a key
   * neither appending nor deleting from either end goes undetected.
   */
  Optional<String> signature(String base, long seq, String hash) {
    return key.map(k -> signed(k, base, seq, hash));
  }

  static String signed(byte[] key, String base, long seq, String hash) {
    return Hashes.hmac(key, base + ":" + seq + ":" + hash);
  }

  @Override
  public List<StoredEvent> byPlan(String planId) {
    Checks.notNull(planId, "planId");
    return db.read(
        "reading events",
        s -> query(s, "SELECT " + COLUMNS + " FROM events WHERE plan_id = ? ORDER BY seq", planId));
  }

  @Override
  public List<StoredEvent> since(long afterSeq, int limit) {
    Checks.positive(limit, "limit");
    return db.read(
        "reading events",
        s ->
            query(
                s,
                "SELECT " + COLUMNS + " FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                afterSeq,
                limit));
  }

  @Override
  public long lastSeq() {
    return head().seq();
  }

  @Override
  public ChainHead head() {
    return db.read("reading the chain head", ChainState::read)
        .map(ChainState::head)
        .orElseThrow(
            () ->
                new ChainBrokenException(
                    db.read("reading events", ChainVerifier::lastSeq), ChainState.MISSING));
  }

  @Override
  public ChainVerification verify() {
    return db.readSnapshot("verifying the event chain", s -> new ChainVerifier(key).verify(s));
  }

  private static List<StoredEvent> query(Session s, String sql, Object... args)
      throws SQLException {
    PreparedStatement statement = s.prepare(sql);
    Session.bind(statement, args);
    List<StoredEvent> events = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        events.add(stored(rs));
      }
    }
    return events;
  }

  private static StoredEvent stored(ResultSet rs) throws SQLException {
    PlanEvent event =
        rs.getInt(7) == 1
            ? redacted(Instant.ofEpochMilli(rs.getLong(2)), rs.getString(4))
            : PlanJson.readEvent(rs.getString(3));
    return new StoredEvent(rs.getLong(1), event, rs.getString(6), rs.getString(5));
  }

  private static PlanEvent redacted(Instant at, String payloadHash) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("payloadHash", payloadHash);
    return new PlanEvent("memory", Optional.empty(), "", at, StoredEvent.REDACTED, data);
  }
}
