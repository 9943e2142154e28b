package dev.olympus.benchmarks.postgres;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Workflow;
import dev.olympus.benchmarks.memory.StoreFolder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DBOS Transact on the benchmark's PostgreSQL (system tables in a new schema, dropped on close): a
 * workflow of durable steps, each a no-op or a counter increment.
 */
final class DbosSide implements AutoCloseable {
  /** The workflow DBOS proxies. */
  public interface Steps {
    /** Runs {@code steps} durable steps and returns how many ran. */
    int run(int steps);
  }

  /** Its implementation: {@code steps} calls of {@code runStep}. */
  public static final class StepsImpl implements Steps {
    private final DBOS dbos;
    private final boolean count;
    private final AtomicLong effects;

    StepsImpl(DBOS dbos, boolean count, AtomicLong effects) {
      this.dbos = dbos;
      this.count = count;
      this.effects = effects;
    }

    @Workflow
    @Override
    public int run(int steps) {
      for (int i = 0; i < steps; i++) {
        dbos.runStep(() -> count ? effects.incrementAndGet() : 0L, "step");
      }
      return steps;
    }
  }

  private final String schema = "dbos_" + UUID.randomUUID().toString().replace("-", "");
  private final DBOS dbos;
  private final Steps steps;

  DbosSide(boolean count, AtomicLong effects) {
    DBOSConfig config =
        DBOSConfig.defaults("olympus-bench")
            .withDatabaseUrl(StoreFolder.setting("url"))
            .withDbUser(StoreFolder.setting("user"))
            .withDbPassword(StoreFolder.setting("password"))
            .withDatabaseSchema(schema);
    dbos = new DBOS(config);
    steps = dbos.registerProxy(Steps.class, new StepsImpl(dbos, count, effects));
    dbos.launch();
  }

  int run(int count) {
    return steps.run(count);
  }

  @Override
  public void close() {
    dbos.close();
    try (Connection c =
            DriverManager.getConnection(
                StoreFolder.setting("url"),
                StoreFolder.setting("user"),
                StoreFolder.setting("password"));
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("failed dropping " + schema + ": " + e, e);
    }
  }
}
