package dev.olympus.memory.internal.sql;

import java.sql.SQLException;

/** Work done on one connection, inside or outside a transaction. */
@FunctionalInterface
public interface SqlWork<T> {
  /** Does the work. */
  T run(Session session) throws SQLException;
}
