package dev.olympus.llm;

import dev.olympus.plan.internal.Checks;

/**
 * Who a call is for and what it may spend: the plan, step and correlation ids (logged in the MDC
 * and passed to listeners) and the plan's and step's token allowances.
 *
 * <pre>{@code
 * BudgetContext ctx = BudgetContext.forStep("plan-7", "summarize")
 *     .withCorrelationId("req-42")
 *     .withPlanTokens(planTokens)            // shared by every step of the plan
 *     .withStepTokens(TokenBudget.of(2_000));
 * }</pre>
 *
 * <p>Immutable and thread-safe (the token budgets it refers to are thread-safe).
 *
 * @param planId the plan's id, or empty
 * @param stepId the step's id, or empty
 * @param correlationId an id that ties log lines together, or empty
 * @param planTokens the plan's token allowance
 * @param stepTokens the step's token allowance
 */
public record BudgetContext(
    String planId,
    String stepId,
    String correlationId,
    TokenBudget planTokens,
    TokenBudget stepTokens) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public BudgetContext {
    Checks.notNull(planId, "planId");
    Checks.notNull(stepId, "stepId");
    Checks.notNull(correlationId, "correlationId");
    Checks.notNull(planTokens, "planTokens");
    Checks.notNull(stepTokens, "stepTokens");
  }

  /** No ids and no token limits; each call gets fresh unlimited counters. */
  public static BudgetContext none() {
    return forStep("", "");
  }

  /**
   * A context for one step of a plan, without token limits until some are added.
   *
   * @throws NullPointerException if an argument is null
   */
  public static BudgetContext forStep(String planId, String stepId) {
    return new BudgetContext(planId, stepId, "", TokenBudget.unlimited(), TokenBudget.unlimited());
  }

  /**
   * This context with {@code correlationId}.
   *
   * @throws NullPointerException if {@code correlationId} is null
   */
  public BudgetContext withCorrelationId(String correlationId) {
    return new BudgetContext(planId, stepId, correlationId, planTokens, stepTokens);
  }

  /**
   * This context with the plan's token allowance.
   *
   * @throws NullPointerException if {@code planTokens} is null
   */
  public BudgetContext withPlanTokens(TokenBudget planTokens) {
    return new BudgetContext(planId, stepId, correlationId, planTokens, stepTokens);
  }

  /**
   * This context with the step's token allowance.
   *
   * @throws NullPointerException if {@code stepTokens} is null
   */
  public BudgetContext withStepTokens(TokenBudget stepTokens) {
    return new BudgetContext(planId, stepId, correlationId, planTokens, stepTokens);
  }
}
