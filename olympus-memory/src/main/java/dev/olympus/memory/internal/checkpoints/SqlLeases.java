package dev.olympus.memory.internal.checkpoints;

import dev.olympus.memory.Lease;
import dev.olympus.memory.Leases;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Dialect.RowLock;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.plan.PlanState;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leases on the {@code leases} table. A claim is one conditional upsert (atomic on its own), so
 * claims run outside the store's serialized writes ({@link Database#writeLockingRows}); the next
 * plan is chosen with its checkpoint row locked, skipping rows other claimers hold, so concurrent
 * claimers never wait on one another. A fenced write share-locks the lease row ({@link
 * dev.olympus.memory.internal.fence.Fence}), so a claim waits for it to commit. A released row
 * keeps its token, so tokens only grow.
 */
public final class SqlLeases implements Leases {
  private final Database db;
  private final Inputs inputs;
  private final Clock clock;

  public SqlLeases(Database db, Inputs inputs, Clock clock) {
    this.db = db;
    this.inputs = inputs;
    this.clock = clock;
  }

  /** A resource's row: {@code owner} and {@code expiresMs} are null once released. */
  private record Row(String owner, long token, Long expiresMs) {}

  @Override
  public Optional<Lease> claim(String resource, String owner, Duration ttl) {
    inputs.id(resource, "resource");
    inputs.id(owner, "owner");
    checkTtl(ttl);
    return db.writeLockingRows("claiming a lease", s -> claim(s, resource, owner, ttl));
  }

  @Override
  public Optional<Lease> claimNextPlan(Set<PlanState> states, String owner, Duration ttl) {
    List<Object> args = new ArrayList<>();
    Checks.noNulls(states, "states").stream().map(PlanState::name).sorted().forEach(args::add);
    inputs.id(owner, "owner");
    checkTtl(ttl);
    if (states.isEmpty()) {
      return Optional.empty();
    }
    String in = String.join(", ", Collections.nCopies(args.size(), "?"));
    return db.writeLockingRows(
        "claiming the next plan",
        s -> {
          String next =
              "SELECT c.plan_id FROM checkpoints c LEFT JOIN leases l"
                  + " ON l.resource = 'plan/' || c.plan_id WHERE c.state IN ("
                  + in
                  + ") AND (l.owner IS NULL OR l.expires_ms <= ?)"
                  + " ORDER BY c.updated_ms, c.plan_id LIMIT 1"
                  + s.dialect().lockRows("c", RowLock.UPDATE_SKIP_LOCKED);
          args.add(clock.millis());
          // A plain claim may take the chosen plan's lease first; the next query no longer sees it.
          for (Optional<String> free = s.first(next, rs -> rs.getString(1), args.toArray());
              free.isPresent();
              free = s.first(next, rs -> rs.getString(1), args.toArray())) {
            Optional<Lease> lease = claim(s, "plan/" + free.get(), owner, ttl);
            if (lease.isPresent()) {
              return lease;
            }
            args.set(args.size() - 1, clock.millis());
          }
          return Optional.<Lease>empty();
        });
  }

  /**
   * Claims in one conditional upsert, atomic without any other lock: the row is created, or taken
   * over when it is free, and its token grows by one; nothing is returned when another owner holds
   * a live lease.
   */
  private Optional<Lease> claim(Session s, String resource, String owner, Duration ttl)
      throws SQLException {
    long now = clock.millis();
    long expires = expiry(now, ttl);
    return s.first(
            "INSERT INTO leases(resource, owner, token, expires_ms) VALUES (?, ?, 1, ?)"
                + " ON CONFLICT(resource) DO UPDATE SET owner = excluded.owner,"
                + " token = leases.token + 1, expires_ms = excluded.expires_ms"
                + " WHERE leases.owner IS NULL OR leases.owner = excluded.owner"
                + " OR leases.expires_ms <= ? RETURNING token",
            rs -> rs.getLong(1),
            resource,
            owner,
            expires,
            now)
        .map(token -> new Lease(resource, owner, token, Instant.ofEpochMilli(expires)));
  }

  @Override
  public Map<String, Lease> renew(String owner, Duration ttl) {
    inputs.id(owner, "owner");
    checkTtl(ttl);
    return db.write(
        "renewing leases",
        s -> {
          s.update(
              "UPDATE leases SET expires_ms = CASE WHEN expires_ms > ? THEN expires_ms ELSE ? END"
                  + " WHERE owner = ?",
              expiry(clock.millis(), ttl),
              expiry(clock.millis(), ttl),
              owner);
          Map<String, Lease> renewed = new LinkedHashMap<>();
          for (Lease lease :
              s.query(
                  "SELECT resource, token, expires_ms FROM leases WHERE owner = ? ORDER BY resource",
                  rs ->
                      new Lease(
                          rs.getString(1),
                          owner,
                          rs.getLong(2),
                          Instant.ofEpochMilli(rs.getLong(3))),
                  owner)) {
            renewed.put(lease.resource(), lease);
          }
          return renewed;
        });
  }

  @Override
  public boolean release(Lease lease) {
    Checks.notNull(lease, "lease");
    return db.write(
            "releasing a lease",
            s ->
                s.update(
                    "UPDATE leases SET owner = NULL, expires_ms = NULL"
                        + " WHERE resource = ? AND owner = ? AND token = ?",
                    lease.resource(),
                    lease.owner(),
                    lease.token()))
        > 0;
  }

  @Override
  public Optional<Lease> holder(String resource) {
    Checks.notNull(resource, "resource");
    return db.read(
        "reading a lease",
        s ->
            row(s, resource)
                .filter(row -> row.owner() != null && row.expiresMs() > clock.millis())
                .map(
                    row ->
                        new Lease(
                            resource,
                            row.owner(),
                            row.token(),
                            Instant.ofEpochMilli(row.expiresMs()))));
  }

  private static Optional<Row> row(Session s, String resource) throws SQLException {
    return s.first(
        "SELECT owner, token, expires_ms FROM leases WHERE resource = ?",
        rs -> {
          long expires = rs.getLong(3);
          return new Row(rs.getString(1), rs.getLong(2), rs.wasNull() ? null : expires);
        },
        resource);
  }

  // Whole milliseconds, rounded up so that any positive ttl gives a lease that is live for a while;
  // saturates instead of overflowing for absurdly long ttls.
  private static long expiry(long nowMs, Duration ttl) {
    try {
      return Math.addExact(nowMs, ttl.plusNanos(999_999).toMillis());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static void checkTtl(Duration ttl) {
    Checks.notNull(ttl, "ttl");
    Checks.argument(!ttl.isNegative() && !ttl.isZero(), "ttl must be positive but was " + ttl);
  }
}
