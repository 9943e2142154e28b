package dev.olympus.executor.internal.run;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.Step;
import dev.olympus.plan.StepState;
import dev.olympus.plan.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable state of one run: every step's status plus, per step, how many dependencies are not
 * yet satisfied, so finding the runnable steps costs O(1) per transition rather than a scan of the
 * plan. Not thread-safe: owned by one {@link RunMachine}.
 */
final class RunState {
  private final Plan plan;
  private final Map<String, StepStatus> statuses;
  private final Map<String, Integer> unmet = new HashMap<>();
  private final Set<String> ready = new LinkedHashSet<>();
  private final Map<StepState, Integer> counts = new java.util.EnumMap<>(StepState.class);
  private PlanState state;
  private Instant updatedAt;

  RunState(PlanSnapshot snapshot) {
    this.plan = snapshot.plan();
    this.statuses = new LinkedHashMap<>(snapshot.steps());
    this.state = snapshot.state();
    this.updatedAt = snapshot.updatedAt();
    for (Step step : plan.steps()) {
      int count = (int) step.after().stream().filter(d -> !satisfied(d)).count();
      unmet.put(step.name(), count);
    }
    for (Step step : plan.steps()) {
      updateReady(step.name());
      counts.merge(statuses.get(step.name()).state(), 1, Integer::sum);
    }
  }

  PlanState state() {
    return state;
  }

  void state(PlanState next, Instant at) {
    state = next;
    updatedAt = at;
  }

  StepStatus status(String step) {
    StepStatus status = statuses.get(step);
    if (status == null) {
      throw new IllegalArgumentException("plan '" + plan.title() + "' has no step '" + step + "'");
    }
    return status;
  }

  /** Replaces a step's status, keeping the dependency counts and the ready set in step. */
  void status(String step, StepStatus next, Instant at) {
    boolean wasSatisfied = satisfied(step);
    counts.merge(statuses.get(step).state(), -1, Integer::sum);
    counts.merge(next.state(), 1, Integer::sum);
    statuses.put(step, next);
    updatedAt = at;
    boolean nowSatisfied = satisfied(step);
    if (wasSatisfied != nowSatisfied) {
      for (String dependent : plan.dependents(step)) {
        unmet.merge(dependent, nowSatisfied ? -1 : 1, Integer::sum);
        updateReady(dependent);
      }
    }
    updateReady(step);
  }

  /**
   * Up to {@code max} PENDING steps whose dependencies are all satisfied and that are not in {@code
   * excluded}, oldest first. Costs O(excluded + max), not O(plan).
   */
  List<String> ready(int max, Set<String> excluded) {
    List<String> found = new ArrayList<>(Math.min(max, ready.size()));
    for (String step : ready) {
      if (found.size() >= max) {
        break;
      }
      if (!excluded.contains(step)) {
        found.add(step);
      }
    }
    return found;
  }

  /** True if some PENDING step has all its dependencies satisfied. */
  boolean hasReady() {
    return !ready.isEmpty();
  }

  boolean any(StepState wanted) {
    return counts.getOrDefault(wanted, 0) > 0;
  }

  Map<String, StepState> states() {
    Map<String, StepState> states = new HashMap<>();
    statuses.forEach((name, s) -> states.put(name, s.state()));
    return states;
  }

  List<String> steps() {
    return new ArrayList<>(statuses.keySet());
  }

  PlanSnapshot snapshot() {
    return new PlanSnapshot(plan, state, statuses, updatedAt);
  }

  Instant updatedAt() {
    return updatedAt;
  }

  private void updateReady(String step) {
    if (statuses.get(step).state() == StepState.PENDING && unmet.get(step) == 0) {
      ready.add(step);
    } else {
      ready.remove(step);
    }
  }

  private boolean satisfied(String step) {
    StepState s = statuses.get(step).state();
    return s == StepState.DONE || (s == StepState.FAILED && plan.step(step).guard().optional());
  }
}
