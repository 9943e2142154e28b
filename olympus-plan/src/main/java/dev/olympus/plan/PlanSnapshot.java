package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan with its run-time state: the plan's state and every step's {@link StepStatus}. This is
 * what a checkpoint stores and what {@code resume} continues from.
 *
 * <p>Immutable and thread-safe. Every "with" method checks the transition table.
 *
 * @param plan the plan definition
 * @param state the plan's state
 * @param steps the status of every step, keyed by step name, in declaration order
 * @param updatedAt when this snapshot was taken
 */
public record PlanSnapshot(
    Plan plan, PlanState state, Map<String, StepStatus> steps, Instant updatedAt) {

  /**
   * Checks that there is exactly one status per step, and copies.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a step lacks a status or an unknown step has one
   */
  public PlanSnapshot {
    Checks.notNull(plan, "plan");
    Checks.notNull(state, "state");
    Checks.notNull(steps, "steps");
    Checks.notNull(updatedAt, "updatedAt");
    Map<String, StepStatus> ordered = new LinkedHashMap<>();
    for (Step step : plan.steps()) {
      StepStatus status = steps.get(step.name());
      Checks.argument(status != null, "no status for step '" + step.name() + "'");
      ordered.put(step.name(), status);
    }
    Checks.argument(
        ordered.size() == steps.size(),
        "statuses for unknown steps: " + diff(steps.keySet(), ordered.keySet()));
    steps = Collections.unmodifiableMap(ordered);
  }

  /** A DRAFT snapshot of {@code plan} with every step PENDING. */
  public static PlanSnapshot initial(Plan plan, Instant at) {
    Map<String, StepStatus> steps = new LinkedHashMap<>();
    plan.steps().forEach(s -> steps.put(s.name(), StepStatus.pending()));
    return new PlanSnapshot(plan, PlanState.DRAFT, steps, at);
  }

  /** The plan's id. */
  public String planId() {
    return plan.id();
  }

  /**
   * The status of step {@code name}.
   *
   * @throws IllegalArgumentException if there is no such step
   */
  public StepStatus step(String name) {
    plan.step(name);
    return steps.get(name);
  }

  /**
   * This snapshot with the plan moved to {@code target}.
   *
   * @throws IllegalTransitionException if the plan transition table forbids it
   */
  public PlanSnapshot withState(PlanState target, Instant at) {
    return new PlanSnapshot(plan, state.moveTo(target), steps, at);
  }

  /**
   * This snapshot with step {@code name} replaced by {@code status}. The caller moves the status
   * through {@link StepStatus}'s methods, which check the step transition table.
   *
   * @throws IllegalArgumentException if there is no such step
   */
  public PlanSnapshot withStep(String name, StepStatus status, Instant at) {
    plan.step(name);
    Map<String, StepStatus> copy = new LinkedHashMap<>(steps);
    copy.put(name, Checks.notNull(status, "status"));
    return new PlanSnapshot(plan, state, copy, at);
  }

  /** Each step's state, keyed by name. */
  public Map<String, StepState> stepStates() {
    Map<String, StepState> states = new LinkedHashMap<>();
    steps.forEach((name, status) -> states.put(name, status.state()));
    return states;
  }

  /** The outputs of the DONE steps, keyed by name. */
  public Map<String, JsonNode> outputs() {
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    steps.forEach((name, status) -> status.output().ifPresent(o -> outputs.put(name, o)));
    return outputs;
  }

  /** The steps that can start now (see {@link Plan#runnableSteps(Map)}). */
  public List<String> runnableSteps() {
    return plan.runnableSteps(stepStates());
  }

  private static List<String> diff(java.util.Set<String> all, java.util.Set<String> known) {
    return all.stream().filter(k -> !known.contains(k)).sorted().toList();
  }
}
