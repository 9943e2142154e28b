package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import dev.olympus.plan.StepState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** The errors of FAILED steps and the reasons of BLOCKED or SKIPPED ones, by step name. */
  public Map<String, String> errors() {
    Map<String, String> errors = new LinkedHashMap<>();
    snapshot.steps().forEach((name, s) -> s.error().ifPresent(e -> errors.put(name, e)));
    return errors;
  }

  /** The steps waiting for the host's {@code approve} or {@code reject}. */
  public List<String> blockedSteps() {
    return snapshot.steps().entrySet().stream()
        .filter(e -> e.getValue().state() == StepState.BLOCKED)
        .map(Map.Entry::getKey)
        .toList();
  }
}
