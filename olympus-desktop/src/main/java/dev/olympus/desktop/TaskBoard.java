package dev.olympus.desktop;

import dev.olympus.executor.PlanRun;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The task queue's model: every plan this window started or resumed, with its latest snapshot and
 * the handle to steer it. Updated from the runs' listener threads; thread-safe. Listeners are
 * called on the updating thread (a Swing view moves to the event thread itself).
 */
final class TaskBoard {
  /**
   * One row per step of a plan, as shown.
   *
   * @param planId the plan
   * @param title the plan's title
   * @param planState the plan's state
   * @param step the step's name
   * @param state the step's state
   * @param note the error or why it is blocked, or empty
   */
  record Row(
      String planId, String title, String planState, String step, StepState state, String note) {}

  private final Map<String, PlanRun> runs = new LinkedHashMap<>();
  private final Map<String, PlanSnapshot> latest = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Adds a listener called after every change. */
  void onChange(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Tracks {@code run} and shows its current snapshot. */
  void track(PlanRun run) {
    synchronized (this) {
      runs.put(run.planId(), run);
    }
    refresh(run.planId());
  }

  /** Shows the current snapshot of plan {@code planId}, if it is tracked. */
  void refresh(String planId) {
    PlanRun run;
    synchronized (this) {
      run = runs.get(planId);
    }
    if (run != null) {
      show(run.snapshot());
    }
  }

  /** Shows {@code snapshot}, unless a newer one of the same plan is already shown. */
  void show(PlanSnapshot snapshot) {
    synchronized (this) {
      PlanSnapshot old = latest.get(snapshot.planId());
      if (old != null && old.updatedAt().isAfter(snapshot.updatedAt())) {
        return;
      }
      latest.put(snapshot.planId(), snapshot);
    }
    listeners.forEach(Runnable::run);
  }

  /** The handle of plan {@code planId}, if this window tracks it. */
  synchronized Optional<PlanRun> run(String planId) {
    return Optional.ofNullable(runs.get(planId));
  }

  /** Every step of every tracked plan, plans in the order they were first shown. */
  synchronized List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (PlanSnapshot s : latest.values()) {
      for (Map.Entry<String, StepStatus> step : s.steps().entrySet()) {
        rows.add(
            new Row(
                s.planId(),
                s.plan().title(),
                s.state().name(),
                step.getKey(),
                step.getValue().state(),
                step.getValue().error().map(StepError::message).orElse("")));
      }
    }
    return rows;
  }
}
