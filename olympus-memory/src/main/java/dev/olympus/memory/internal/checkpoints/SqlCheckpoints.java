package dev.olympus.memory.internal.checkpoints;

import dev.olympus.memory.CheckpointStore;
import dev.olympus.memory.Lease;
import dev.olympus.memory.internal.Checks;
import dev.olympus.memory.internal.Inputs;
import dev.olympus.memory.internal.events.EventEncoder;
import dev.olympus.memory.internal.events.SqlEventLog;
import dev.olympus.memory.internal.fence.Fence;
import dev.olympus.memory.internal.sql.Database;
import dev.olympus.memory.internal.sql.Dialect.RowLock;
import dev.olympus.memory.internal.sql.Session;
import dev.olympus.memory.internal.sql.SqlWork;
import dev.olympus.plan.PlanEvent;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checkpoints: the snapshot saved by {@code save} as {@link PlanJson}, plus one row per step
 * (state, attempts, and after an {@code update} its full status) and the plan's current state.
 * {@code update} rewrites only the rows that changed and appends its events in the same
 * transaction; {@code load} overlays those rows on the saved snapshot.
 */
public final class SqlCheckpoints implements CheckpointStore {
  private final Database db;
  private final Inputs inputs;

  private final SqlEventLog events;

  public SqlCheckpoints(Database db, Inputs inputs, SqlEventLog events) {
    this.db = db;
    this.inputs = inputs;
    this.events = events;
  }

  @Override
  public void save(PlanSnapshot snapshot) {
    Checks.notNull(snapshot, "snapshot");
    inputs.id(snapshot.planId(), "planId");
    String json = inputs.value(PlanJson.write(snapshot), "snapshot JSON");
    long updated = Inputs.millis(snapshot.updatedAt(), "updatedAt");
    db.write(
        "saving a checkpoint",
        s -> {
          s.update(
              "INSERT INTO checkpoints(plan_id, state, updated_ms, snapshot, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT(plan_id) DO UPDATE SET"
                  + " state = excluded.state, updated_ms = excluded.updated_ms,"
                  + " snapshot = excluded.snapshot, updated_at = excluded.updated_at",
              snapshot.planId(),
              snapshot.state().name(),
              updated,
              json,
              snapshot.updatedAt().toString());
          s.update("DELETE FROM checkpoint_steps WHERE plan_id = ?", snapshot.planId());
          var insert =
              s.prepare(
                  "INSERT INTO checkpoint_steps(plan_id, name, state, attempts, status)"
                      + " VALUES (?, ?, ?, ?, NULL)");
          for (var step : snapshot.steps().entrySet()) {
            Session.bind(
                insert,
                snapshot.planId(),
                step.getKey(),
                step.getValue().state().name(),
                step.getValue().attempts());
            insert.addBatch();
          }
          insert.executeBatch();
          return null;
        });
  }

  @Override
  public void update(
      String planId,
      PlanState state,
      Map<String, StepStatus> changed,
      List<PlanEvent> events,
      Instant updatedAt) {
    update(s -> null, planId, state, changed, events, updatedAt);
  }

  @Override
  public void update(
      Lease fence,
      String planId,
      PlanState state,
      Map<String, StepStatus> changed,
      List<PlanEvent> events,
      Instant updatedAt) {
    Checks.notNull(fence, "fence");
    update(Fence.guard(fence), planId, state, changed, events, updatedAt);
  }

  // guard runs first inside the transaction; when it throws, nothing is written.
  private void update(
      SqlWork<?> guard,
      String planId,
      PlanState state,
      Map<String, StepStatus> changed,
      List<PlanEvent> events,
      Instant updatedAt) {
    inputs.id(planId, "planId");
    Checks.notNull(state, "state");
    Checks.notNull(changed, "changed");
    Checks.noNulls(events, "events");
    long updated = Inputs.millis(updatedAt, "updatedAt");
    Map<String, String> statuses = statuses(changed);
    List<SqlEventLog.Pending> pending = this.events.encode(events);
    db.write(
        "updating a checkpoint",
        s -> {
          String[] current = lockPlan(s, planId);
          guard.run(s);
          touchPlan(s, planId, current, state, updated, updatedAt);
          updateSteps(s, planId, changed, statuses);
          if (!pending.isEmpty()) {
            this.events.insert(s, pending);
          }
          return null;
        });
  }

  // Each changed step's status JSON, written directly (no tree), in the map's order.
  private Map<String, String> statuses(Map<String, StepStatus> changed) {
    EventEncoder encoder = new EventEncoder();
    Map<String, String> statuses = new LinkedHashMap<>();
    changed.forEach(
        (name, status) ->
            statuses.put(
                Checks.notNull(name, "step name"),
                inputs.value(encoder.json(Checks.notNull(status, "status")), "step status")));
    return statuses;
  }

  // The plan's state and update time, its row locked before the guard share-locks the lease row:
  // a plan claimer locks the two rows in the same order, so the two never wait on each other.
  private static String[] lockPlan(Session s, String planId) throws SQLException {
    return s.first(
            "SELECT state, updated_ms FROM checkpoints WHERE plan_id = ?"
                + s.dialect().lockRows("checkpoints", RowLock.UPDATE),
            rs -> new String[] {rs.getString(1), rs.getString(2)},
            planId)
        .orElseThrow(() -> new IllegalArgumentException("no checkpoint of plan '" + planId + "'"));
  }

  // SQLite rewrites a whole row on UPDATE, and this row holds the saved snapshot (large for big
  // plans): touch it only when the plan's state changes, or at most once per second otherwise.
  private static void touchPlan(
      Session s, String planId, String[] row, PlanState state, long updated, Instant updatedAt)
      throws SQLException {
    boolean stale = updated - Long.parseLong(row[1]) >= 1000;
    if (!row[0].equals(state.name()) || stale) {
      s.update(
          "UPDATE checkpoints SET state = ?, updated_ms = ?, updated_at = ? WHERE plan_id = ?",
          state.name(),
          updated,
          updatedAt.toString(),
          planId);
    }
  }

  private static void updateSteps(
      Session s, String planId, Map<String, StepStatus> changed, Map<String, String> statuses)
      throws SQLException {
    PreparedStatement update =
        s.prepare(
            "UPDATE checkpoint_steps SET state = ?, attempts = ?, status = ?"
                + " WHERE plan_id = ? AND name = ?");
    for (var step : changed.entrySet()) {
      update.setString(1, step.getValue().state().name());
      update.setInt(2, step.getValue().attempts());
      update.setString(3, statuses.get(step.getKey()));
      update.setString(4, planId);
      update.setString(5, step.getKey());
      update.addBatch();
    }
    int[] counts = update.executeBatch();
    int i = 0;
    for (String name : changed.keySet()) {
      if (counts[i++] == 0) {
        throw new IllegalArgumentException("plan '" + planId + "' has no step '" + name + "'");
      }
    }
  }

  @Override
  public Optional<PlanSnapshot> load(String planId) {
    Checks.notNull(planId, "planId");
    // One snapshot: the plan's row and its step rows from the same committed update.
    return db.readSnapshot("loading a checkpoint", s -> assemble(s, planId));
  }

  // The snapshot saved by save(), overlaid with the plan state and step statuses of update().
  private static Optional<PlanSnapshot> assemble(Session s, String planId) throws SQLException {
    Optional<String[]> plan =
        s.first(
            "SELECT snapshot, state, updated_at FROM checkpoints WHERE plan_id = ?",
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
            planId);
    if (plan.isEmpty()) {
      return Optional.empty();
    }
    PlanSnapshot base = PlanJson.readSnapshot(plan.get()[0]);
    Map<String, StepStatus> steps = new LinkedHashMap<>(base.steps());
    for (String[] row :
        s.query(
            "SELECT name, status FROM checkpoint_steps WHERE plan_id = ? AND status IS NOT NULL",
            rs -> new String[] {rs.getString(1), rs.getString(2)},
            planId)) {
      steps.put(row[0], PlanJson.readStepStatus(row[1]));
    }
    Instant updatedAt = plan.get()[2] == null ? base.updatedAt() : Instant.parse(plan.get()[2]);
    return Optional.of(
        new PlanSnapshot(base.plan(), PlanState.valueOf(plan.get()[1]), steps, updatedAt));
  }

  @Override
  public List<PlanSnapshot> byState(Set<PlanState> states) {
    Checks.noNulls(states, "states");
    return db.readSnapshot("listing checkpoints", s -> byState(s, states));
  }

  private static List<PlanSnapshot> byState(Session s, Set<PlanState> states) throws SQLException {
    List<String> names = states.stream().map(PlanState::name).toList();
    if (names.isEmpty()) {
      return List.of();
    }
    String in = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
    List<PlanSnapshot> found = new ArrayList<>();
    for (String planId :
        s.query(
            "SELECT plan_id FROM checkpoints WHERE state IN ("
                + in
                + ")"
                + " ORDER BY updated_ms, plan_id",
            rs -> rs.getString(1),
            names.toArray())) {
      assemble(s, planId).ifPresent(found::add);
    }
    return found;
  }

  @Override
  public boolean delete(String planId) {
    Checks.notNull(planId, "planId");
    return db.write("deleting a checkpoint", s -> remove(s, planId)) > 0;
  }

  public static int remove(Session s, String planId) throws SQLException {
    return s.update("DELETE FROM checkpoints WHERE plan_id = ?", planId);
  }

  public static int pruneFinishedBefore(Session s, long cutoffMillis) throws SQLException {
    return s.update(
        "DELETE FROM checkpoints WHERE state IN ('DONE', 'FAILED', 'CANCELLED') AND updated_ms < ?",
        cutoffMillis);
  }
}
