package dev.olympus.memory.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One connection with its prepared statements. Used by one thread at a time. */
public final class Session implements AutoCloseable {
  private final Connection connection;
  private final Dialect dialect;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  /** A session on {@code connection}, which it closes on {@link #close()}. */
  public Session(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  /** The connection (for transaction control by a {@link Database}). */
  public Connection connection() {
    return connection;
  }

  /** The SQL dialect of the database this session is connected to. */
  public Dialect dialect() {
    return dialect;
  }

  /** A cached prepared statement for {@code sql}, parameters cleared. */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    } else {
      statement.clearParameters();
    }
    return statement;
  }

  /** Runs {@code sql}, which takes no parameters. */
  public void exec(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs {@code sql} with {@code args} and returns the number of rows changed. */
  public int update(String sql, Object... args) throws SQLException {
    PreparedStatement statement = prepare(sql);
    bind(statement, args);
    return statement.executeUpdate();
  }

  /**
   * Runs {@code sql} once for each of {@code rows} (its arguments) as one JDBC batch on one
   * prepared statement.
   */
  public void updateAll(String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    PreparedStatement statement = prepare(sql);
    try {
      for (Object[] args : rows) {
        bind(statement, args);
        statement.addBatch();
      }
      statement.executeBatch();
    } finally {
      statement.clearBatch();
    }
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface Row<T> {
    /** Maps the current row. */
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs query {@code sql} with {@code args} and maps every row. */
  public <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
    PreparedStatement statement = prepare(sql);
    bind(statement, args);
    List<T> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        rows.add(row.map(rs));
      }
    }
    return rows;
  }

  /** Runs query {@code sql} with {@code args} and maps the first row, if any. */
  public <T> Optional<T> first(String sql, Row<T> row, Object... args) throws SQLException {
    PreparedStatement statement = prepare(sql);
    bind(statement, args);
    try (ResultSet rs = statement.executeQuery()) {
      return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
    }
  }

  /** Binds {@code args} to the parameters of {@code statement}, in order. */
  public static void bind(PreparedStatement statement, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      statement.setObject(i + 1, args[i]);
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : statements.values()) {
      statement.close();
    }
    connection.close();
  }
}
