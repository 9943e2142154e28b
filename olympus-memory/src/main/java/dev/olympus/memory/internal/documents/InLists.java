package dev.olympus.memory.internal.documents;

import dev.olympus.memory.internal.sql.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Statements over many values with {@code IN (?, ...)} lists of at most {@value #MAX} values, each
 * list padded (by repeating its first value, which changes nothing an {@code IN} selects) to a
 * power of two, so that a session caches a few prepared statements per shape, not one per list
 * length.
 */
final class InLists {
  static final int MAX = 512;

  private InLists() {}

  /**
   * The rows {@code sql} (given the placeholders, e.g. {@code ?, ?}) maps over all {@code values}.
   */
  static <T> List<T> query(
      Session s, Function<String, String> sql, List<?> values, Session.Row<T> row)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    for (int from = 0; from < values.size(); from += MAX) {
      Object[] args = padded(values.subList(from, Math.min(values.size(), from + MAX)));
      rows.addAll(s.query(sql.apply(placeholders(args.length)), row, args));
    }
    return rows;
  }

  /** Runs {@code sql} (given the placeholders) over all {@code values}. */
  static void update(Session s, Function<String, String> sql, List<?> values) throws SQLException {
    for (int from = 0; from < values.size(); from += MAX) {
      Object[] args = padded(values.subList(from, Math.min(values.size(), from + MAX)));
      s.update(sql.apply(placeholders(args.length)), args);
    }
  }

  private static Object[] padded(List<?> part) {
    int size = Integer.highestOneBit(part.size());
    size = size == part.size() ? size : size << 1;
    Object[] args = new Object[size];
    for (int i = 0; i < size; i++) {
      args[i] = part.get(i < part.size() ? i : 0);
    }
    return args;
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
