package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import java.util.List;

/**
 * Everything that happened while planning one goal, in order: every draft, every validation
 * problem, every critique. The planner stores it in memory as events of the planning session (see
 * {@link Planner#transcript(String)}) as it goes, so even a planning that failed leaves its record.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sessionId the planning session's id; the plan id of its events
 * @param goal the goal as the host gave it
 * @param entries the drafts, problems and critiques, in the order they happened
 */
public record PlanningTranscript(String sessionId, String goal, List<PlanningEntry> entries) {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if a field is null or {@code entries} holds a null
   */
  public PlanningTranscript {
    Checks.notNull(sessionId, "sessionId");
    Checks.notNull(goal, "goal");
    entries = List.copyOf(Checks.noNulls(entries, "entries"));
  }

  /** The drafts, in order. */
  public List<PlanningEntry.Draft> drafts() {
    return only(PlanningEntry.Draft.class);
  }

  /** The validation problems, one entry per refused draft, in order. */
  public List<PlanningEntry.Problems> problems() {
    return only(PlanningEntry.Problems.class);
  }

  /** The critiques, in order. */
  public List<PlanningEntry.Critique> critiques() {
    return only(PlanningEntry.Critique.class);
  }

  private <T extends PlanningEntry> List<T> only(Class<T> type) {
    return entries.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
