package dev.olympus.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.plan.internal.Checks;
import dev.olympus.plan.internal.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One named action of a plan: the capability it uses, its inputs (JSON, possibly holding {@code
 * ${step.field}} references to ancestors' outputs), the steps it runs after, and its guard.
 *
 * <p>Immutable and thread-safe: {@link #inputs()} returns a fresh copy each time.
 *
 * @param name unique within the plan; letters, digits, {@code _} and {@code -}, starting with a
 *     letter, at most 64 characters
 * @param capability what the step uses
 * @param inputs the tool input, a JSON object
 * @param after the names of the steps this one depends on, in declaration order
 * @param guard retries, deadline, budget and consent settings
 * @param description a human-readable note; may be empty
 */
public record Step(
    String name,
    CapabilityRef capability,
    ObjectNode inputs,
    List<String> after,
    Guard guard,
    String description) {

  /**
   * Checks and copies every field.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is malformed or a dependency repeats
   */
  public Step {
    String problem = Names.stepNameProblem(name);
    Checks.argument(problem == null, String.valueOf(problem));
    Checks.notNull(capability, "capability");
    inputs = Checks.notNull(inputs, "inputs").deepCopy();
    Checks.noNulls(after, "after");
    Checks.argument(
        new LinkedHashSet<>(after).size() == after.size(),
        "step '" + name + "' lists a dependency twice: " + after);
    after = Collections.unmodifiableList(new ArrayList<>(after));
    Checks.notNull(guard, "guard");
    Checks.notNull(description, "description");
  }

  /** Returns a copy of the inputs; changing it does not change the step. */
  @Override
  public ObjectNode inputs() {
    return inputs.deepCopy();
  }

  /** Returns every reference the inputs make to other steps' outputs. */
  public List<Reference> references() {
    return References.find(inputs);
  }
}
