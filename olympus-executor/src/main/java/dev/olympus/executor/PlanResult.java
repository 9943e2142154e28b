package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepError;
import dev.olympus.plan.StepState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run stopped: finished (DONE, FAILED, CANCELLED) or PAUSED awaiting the host.
 *
 * <p>Immutable and thread-safe.
 *
 * @param snapshot the plan and every step's status at that point
 */
public record PlanResult(PlanSnapshot snapshot) {
  /**
   * Wraps a snapshot.
   *
   * @throws NullPointerException if {@code snapshot} is null
   */
  public PlanResult {
    Checks.notNull(snapshot, "snapshot");
  }

  /** The plan's state. */
  public PlanState state() {
    return snapshot.state();
  }

  /** True if the plan is DONE. */
  public boolean succeeded() {
    return snapshot.state() == PlanState.DONE;
  }

  /** The outputs of the DONE steps, by step name. */
  public Map<String, JsonNode> outputs() {
    return snapshot.outputs();
  }

  /**
   * The output of step {@code name}.
   *
   * @throws IllegalArgumentException if the step has no output
   */
  public JsonNode output(String name) {
    JsonNode output = outputs().get(name);
    Checks.argument(output != null, "step '" + name + "' has no output");
    return output;
  }

  /**
   * The typed errors of FAILED steps and why BLOCKED or SKIPPED ones are so, by step name, in the
   * plan's order. Switch on {@link StepError#kind()} to react, for example to a denied consent.
   */
  public Map<String, StepError> errors() {
    Map<String, StepError> errors = new LinkedHashMap<>();
    snapshot.steps().forEach((name, s) -> s.error().ifPresent(e -> errors.put(name, e)));
    return errors;
  }

  /**
   * The error of step {@code name}, if it failed, is blocked or was skipped.
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if the plan has no such step
   */
  public Optional<StepError> error(String name) {
    return snapshot.step(Checks.notNull(name, "name")).error();
  }

  /** The steps waiting for the host's {@code approve} or {@code reject}. */
  public List<String> blockedSteps() {
    return snapshot.steps().entrySet().stream()
        .filter(e -> e.getValue().state() == StepState.BLOCKED)
        .map(Map.Entry::getKey)
        .toList();
  }
}
