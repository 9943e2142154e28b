package dev.olympus.memory.internal;

import dev.olympus.memory.CheckpointStore;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.internal.Checks;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checkpoints: the snapshot as {@link PlanJson} plus one row per step (state, attempts) for
 * queries, written together in one transaction.
 */
final class SqlCheckpoints implements CheckpointStore {
  private final Db db;
  private final Inputs inputs;

  SqlCheckpoints(Db db, Inputs inputs) {
    this.db = db;
    this.inputs = inputs;
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
              "INSERT INTO checkpoints(plan_id, state, updated_ms, snapshot) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT(plan_id) DO UPDATE SET state = excluded.state,"
                  + " updated_ms = excluded.updated_ms, snapshot = excluded.snapshot",
              snapshot.planId(),
              snapshot.state().name(),
              updated,
              json);
          s.update("DELETE FROM checkpoint_steps WHERE plan_id = ?", snapshot.planId());
          var insert =
              s.prepare(
                  "INSERT INTO checkpoint_steps(plan_id, name, state, attempts) VALUES (?, ?, ?, ?)");
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
  public Optional<PlanSnapshot> load(String planId) {
    Checks.notNull(planId, "planId");
    return db.read(
            "loading a checkpoint",
            s ->
                s.first(
                    "SELECT snapshot FROM checkpoints WHERE plan_id = ?",
                    rs -> rs.getString(1),
                    planId))
        .map(PlanJson::readSnapshot);
  }

  @Override
  public List<PlanSnapshot> byState(Set<PlanState> states) {
    Checks.noNulls(states, "states");
    List<PlanSnapshot> found = new ArrayList<>();
    for (String json : db.read("listing checkpoints", s -> jsonByState(s, states))) {
      found.add(PlanJson.readSnapshot(json));
    }
    return found;
  }

  private static List<String> jsonByState(Session s, Set<PlanState> states) throws SQLException {
    List<String> names = states.stream().map(PlanState::name).toList();
    String in = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
    if (names.isEmpty()) {
      return List.of();
    }
    return s.query(
        "SELECT snapshot FROM checkpoints WHERE state IN (" + in + ") ORDER BY updated_ms, plan_id",
        rs -> rs.getString(1),
        names.toArray());
  }

  @Override
  public boolean delete(String planId) {
    Checks.notNull(planId, "planId");
    return db.write("deleting a checkpoint", s -> remove(s, planId)) > 0;
  }

  static int remove(Session s, String planId) throws SQLException {
    return s.update("DELETE FROM checkpoints WHERE plan_id = ?", planId);
  }

  static int pruneFinishedBefore(Session s, long cutoffMillis) throws SQLException {
    return s.update(
        "DELETE FROM checkpoints WHERE state IN ('DONE', 'FAILED', 'CANCELLED') AND updated_ms < ?",
        cutoffMillis);
  }
}
