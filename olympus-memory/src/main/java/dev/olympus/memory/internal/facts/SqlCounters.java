package dev.olympus.memory.internal.facts;

import dev.olympus.memory.Counters;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Counters on the {@code counters} table; each change is one write transaction. */
public final class SqlCounters implements Counters {
  private final Database db;
  private final Inputs inputs;
  private final Clock clock;

  public SqlCounters(Database db, Inputs inputs, Clock clock) {
    this.db = db;
    this.inputs = inputs;
    this.clock = clock;
  }

  @Override
  public long get(String key) {
    Checks.notNull(key, "key");
    return db.read("reading a counter", s -> value(s, key));
  }

  private static long value(Session s, String key) throws SQLException {
    return s.first("SELECT value FROM counters WHERE key = ?", rs -> rs.getLong(1), key).orElse(0L);
  }

  @Override
  public long add(String key, long delta) {
    return addIfWithin(key, delta, Long.MAX_VALUE).orElseThrow();
  }

  @Override
  public OptionalLong addIfWithin(String key, long delta, long limit) {
    inputs.id(key, "key");
    return db.write(
        "updating a counter",
        s -> {
          long next = sum(key, value(s, key), delta);
          if (next > limit) {
            return OptionalLong.empty();
          }
          s.update(
              "INSERT INTO counters(key, value, updated_ms) VALUES (?, ?, ?) ON CONFLICT(key)"
                  + " DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms",
              key,
              next,
              clock.millis());
          return OptionalLong.of(next);
        });
  }

  private static long sum(String key, long value, long delta) {
    try {
      return Math.addExact(value, delta);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "counter " + key + " would overflow: " + value + " + " + delta);
    }
  }

  @Override
  public Map<String, Long> withPrefix(String prefix) {
    Checks.notNull(prefix, "prefix");
    Map<String, Long> found = new LinkedHashMap<>();
    db.read(
            "reading counters",
            s ->
                s.query(
                    "SELECT key, value FROM counters WHERE substr(key, 1, ?) = ? ORDER BY key",
                    rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                    prefix.codePointCount(0, prefix.length()), // SQL counts characters
                    prefix))
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  @Override
  public boolean remove(String key) {
    Checks.notNull(key, "key");
    return db.write("removing a counter", s -> s.update("DELETE FROM counters WHERE key = ?", key))
        > 0;
  }
}
