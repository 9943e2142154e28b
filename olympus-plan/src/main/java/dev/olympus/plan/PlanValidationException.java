package dev.olympus.plan;

import java.util.List;

/**
 * Thrown by {@link Plan.Builder#build()} when a plan is invalid. It lists every problem found (not
 * just the first), each naming the step concerned, so a human or a planning model can fix them all
 * in one pass.
 */
public final class PlanValidationException extends PlanException {
  private static final long serialVersionUID = 1L;

  // An array, not a List: the exception is Serializable and List is not a Serializable type.
  private final String[] problems;

  /** Creates an exception listing {@code problems}. */
  public PlanValidationException(String title, List<String> problems) {
    super(
        "plan '"
            + title
            + "' is invalid ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n  - "
            + String.join("\n  - ", problems),
        null);
    this.problems = List.copyOf(problems).toArray(String[]::new);
  }

  /** Every problem found, in a stable order. */
  public List<String> problems() {
    return List.of(problems);
  }
}
