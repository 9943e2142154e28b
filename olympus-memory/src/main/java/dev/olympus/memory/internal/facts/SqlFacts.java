package dev.olympus.memory.internal.facts;

import dev.olympus.memory.Fact;
import dev.olympus.memory.FactStore;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Facts on the {@code facts} table. */
public final class SqlFacts implements FactStore {
  private static final String SELECT =
      "SELECT subject, predicate, value, source, confidence, created_ms, created_nanos,"
          + " valid_until_ms FROM facts WHERE ";
  private static final String VALID =
      " AND (valid_until_ms IS NULL OR valid_until_ms > ?) ORDER BY created_ms DESC, id DESC";

  private final Database db;
  private final Inputs inputs;
  private final Clock clock;

  public SqlFacts(Database db, Inputs inputs, Clock clock) {
    this.db = db;
    this.inputs = inputs;
    this.clock = clock;
  }

  @Override
  public void put(Fact fact) {
    putAll(List.of(Checks.notNull(fact, "fact")));
  }

  @Override
  public void putAll(List<Fact> facts) {
    inputs.batch(facts, "facts");
    facts.forEach(this::check);
    db.write(
        "storing facts",
        s -> {
          for (Fact f : facts) {
            insert(s, f);
          }
          return null;
        });
  }

  private void check(Fact f) {
    inputs.id(f.subject(), "fact subject");
    inputs.id(f.predicate(), "fact predicate");
    inputs.value(f.value(), "fact value");
    inputs.id(f.source(), "fact source");
    Inputs.millis(f.createdAt(), "fact createdAt");
    f.validUntil().ifPresent(v -> Inputs.millis(v, "fact validUntil"));
  }

  private static void insert(Session s, Fact f) throws SQLException {
    s.update(
        "INSERT INTO facts(subject, predicate, value, source, confidence, created_ms,"
            + " created_nanos, valid_until_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(subject, predicate, value) DO UPDATE SET source = excluded.source,"
            + " confidence = excluded.confidence, created_ms = excluded.created_ms,"
            + " created_nanos = excluded.created_nanos, valid_until_ms = excluded.valid_until_ms",
        f.subject(),
        f.predicate(),
        f.value(),
        f.source(),
        f.confidence(),
        f.createdAt().toEpochMilli(),
        f.createdAt().getNano() % 1_000_000,
        f.validUntil().map(Instant::toEpochMilli).orElse(null));
  }

  @Override
  public List<Fact> bySubject(String subject) {
    return find("subject = ?", Checks.notNull(subject, "subject"));
  }

  @Override
  public List<Fact> byPredicate(String predicate) {
    return find("predicate = ?", Checks.notNull(predicate, "predicate"));
  }

  private List<Fact> find(String where, String value) {
    long now = clock.millis();
    return db.read(
        "reading facts", s -> s.query(SELECT + where + VALID, SqlFacts::fact, value, now));
  }

  private static Fact fact(ResultSet rs) throws SQLException {
    long validUntil = rs.getLong(8);
    Optional<Instant> until =
        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(validUntil));
    return new Fact(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getDouble(5),
        Instant.ofEpochMilli(rs.getLong(6)).plusNanos(rs.getLong(7)),
        until);
  }

  @Override
  public int removeSubject(String subject) {
    Checks.notNull(subject, "subject");
    return db.write("removing facts", s -> forget(s, subject));
  }

  /** Removes the facts about, with the value of, or learned from {@code subject}. */
  public static int forget(Session s, String subject) throws SQLException {
    return s.update(
        "DELETE FROM facts WHERE subject = ? OR value = ? OR source = ?",
        subject,
        subject,
        subject);
  }

  public static int pruneBefore(Session s, long cutoffMillis, long nowMillis) throws SQLException {
    return s.update(
        "DELETE FROM facts WHERE created_ms < ? OR valid_until_ms <= ?", cutoffMillis, nowMillis);
  }
}
