package dev.olympus.executor.internal.planning;

import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanValidationException;
import dev.olympus.plan.Step;
import dev.olympus.tools.ToolRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a built plan against the tools of this executor before it is queued for another process to
 * run: every step's tool is registered, and its literal inputs fit the tool's input schema (see
 * {@link InputCheck}). Thread-safe.
 */
public final class PlanCheck {
  private final ToolRegistry tools;
  private final InputCheck inputs;

  /** Checks plans against {@code tools}. */
  public PlanCheck(ToolRegistry tools) {
    this.tools = tools;
    this.inputs = new InputCheck(tools);
  }

  /**
   * Throws if {@code plan} cannot run on these tools.
   *
   * @throws PlanValidationException listing every problem found
   */
  public void check(Plan plan) {
    List<String> problems = new ArrayList<>();
    for (Step step : plan.steps()) {
      String tool = step.capability().name();
      String at = "step '" + step.name() + "'";
      if (tools.find(tool).isEmpty()) {
        problems.add(at + ": '" + tool + "' is not a registered tool; use one of " + tools.ids());
      } else {
        problems.addAll(inputs.problems(tool, step.inputs(), at + ".with"));
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanValidationException(plan.title(), problems);
    }
  }
}
