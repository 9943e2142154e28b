package dev.olympus.executor;

import dev.olympus.executor.internal.Checks;
import dev.olympus.plan.StepError;
import java.time.Instant;
import java.util.List;

/**
 * A plan that waits for the host: PAUSED in the store, with the steps a person must decide on, each
 * with the reason it is blocked (consent denied, or a side effect interrupted by a crash: approve
 * to run it again, {@link PlanRun#complete complete} it if it did happen, or reject it). Listed by
 * {@link PlanExecutor#paused()}; {@link PlanExecutor#resume(String)} gives the {@link PlanRun} to
 * decide with.
 *
 * @param planId the plan's id
 * @param title the plan's title
 * @param blocked the BLOCKED steps, in the plan's order (empty if the host paused the plan)
 * @param since when the plan's checkpoint last changed
 */
public record PausedPlan(String planId, String title, List<Blocked> blocked, Instant since) {

  /**
   * One step waiting for the host.
   *
   * @param stepId the step
   * @param toolId the tool it calls
   * @param reason why it is blocked: {@link StepError.ConsentDenied} or {@link
   *     StepError.Interrupted} (a side effect interrupted by a crash)
   */
  public record Blocked(String stepId, String toolId, StepError reason) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Blocked {
      Checks.notNull(stepId, "stepId");
      Checks.notNull(toolId, "toolId");
      Checks.notNull(reason, "reason");
    }
  }

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public PausedPlan {
    Checks.notNull(planId, "planId");
    Checks.notNull(title, "title");
    blocked = List.copyOf(Checks.noNulls(blocked, "blocked"));
    Checks.notNull(since, "since");
  }
}
