package dev.olympus.memory.contract;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * Helpers of the contract tests and of the SQLite tests: events, a plan, a clock the test moves,
 * raw SQL on a database file.
 */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  public static PlanEvent event(String planId, int n) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("n", n).put("note", "event " + n);
    return new PlanEvent(
        planId, Optional.of("step" + (n % 3)), "c" + n, T0.plusSeconds(n), "test.event", data);
  }

  public static Plan plan(String id) {
    return Plan.builder("a test plan")
        .id(id)
        .step("read", s -> s.uses("fs.read").with("path", "a.txt"))
        .step("write", s -> s.uses("fs.write").after("read").with("path", "b.txt"))
        .build();
  }

  /** Saves a QUEUED checkpoint of plan {@code planId}, last updated {@code at}. */
  public static void queue(MemoryStore store, String planId, Instant at) {
    PlanSnapshot initial = PlanSnapshot.initial(plan(planId), at);
    store
        .checkpoints()
        .save(new PlanSnapshot(initial.plan(), PlanState.QUEUED, initial.steps(), at));
  }

  /** Runs {@code sql} directly on the file, bypassing the store (to simulate tampering). */
  public static void sql(Path file, String... statements) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
