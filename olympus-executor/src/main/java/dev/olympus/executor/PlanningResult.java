package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.Plan;
import java.util.List;

/**
 * What {@link Planner#plan} produced: a validated plan, ready for {@link PlanExecutor#submit}, and
 * how it came about.
 *
 * <p>Immutable and thread-safe.
 *
 * @param plan the last valid draft
 * @param transcript every draft, validation problem and critique, in order
 * @param limitReached true if refinement stopped at the depth limit while the critic still found
 *     blocking issues, or while the last refinement was still invalid; the host should show {@link
 *     #openIssues()} before running the plan
 * @param openIssues what the critic still found in {@code plan} (blocking or minor); empty when it
 *     found nothing
 */
public record PlanningResult(
    Plan plan,
    PlanningTranscript transcript,
    boolean limitReached,
    List<CritiqueIssue> openIssues) {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if a field is null or {@code openIssues} holds a null
   */
  public PlanningResult {
    Checks.notNull(plan, "plan");
    Checks.notNull(transcript, "transcript");
    openIssues = List.copyOf(Checks.noNulls(openIssues, "openIssues"));
  }

  /** True if the critic still finds a blocking issue in {@link #plan()}. */
  public boolean blocked() {
    return openIssues.stream().anyMatch(CritiqueIssue::blocking);
  }
}
