package dev.olympus.desktop;

import dev.olympus.plan.Plan;
import dev.olympus.plan.Step;
import java.util.List;
import java.util.Objects;

/**
 * A plan drafted for a goal, with what the person should know about it (e.g. that no model was used
 * and what one would add). Immutable.
 *
 * @param plan the plan to run
 * @param note a sentence for the person, or empty
 */
record Draft(Plan plan, String note) {
  Draft {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(note, "note");
  }

  /** One line per step, in run order: "1. search — memory.search {"query":...}". */
  List<String> stepLines() {
    List<String> order = plan.topologicalOrder();
    return order.stream().map(name -> line(order.indexOf(name) + 1, plan.step(name))).toList();
  }

  private static String line(int number, Step step) {
    String after = step.after().isEmpty() ? "" : " (after " + String.join(", ", step.after()) + ")";
    return number
        + ". "
        + step.name()
        + " — "
        + step.capability().name()
        + after
        + " "
        + dev.olympus.tools.ConsentText.render(step.inputs());
  }
}
