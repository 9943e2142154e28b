package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.ContextHold;
import java.util.List;

/**
 * Who a call is for and what it may spend: the plan, step and correlation ids (logged in the MDC
 * and passed to listeners) and the plan's and step's token and dollar allowances.
 *
 * <pre>{@code
 * BudgetContext ctx = BudgetContext.forStep("plan-7", "summarize")
 *     .withCorrelationId("req-42")
 *     .withPlanTokens(planTokens)            // shared by every step of the plan
 *     .withStepTokens(TokenBudget.of(2_000))
 *     .withPlanUsd(planDollars);             // a UsdBudget, shared too
 * }</pre>
 *
 * <p>Immutable and thread-safe (the budgets it refers to are thread-safe).
 *
 * @param planId the plan's id, or empty
 * @param stepId the step's id, or empty
 * @param correlationId an id that ties log lines together, or empty
 * @param planTokens the plan's token allowance
 * @param stepTokens the step's token allowance
 * @param planUsd the plan's dollar allowance
 * @param stepUsd the step's dollar allowance
 */
public record BudgetContext(
    String planId,
    String stepId,
    String correlationId,
    TokenBudget planTokens,
    TokenBudget stepTokens,
    UsdBudget planUsd,
    UsdBudget stepUsd) {

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
    Checks.notNull(planUsd, "planUsd");
    Checks.notNull(stepUsd, "stepUsd");
  }

  /**
   * A context with token allowances and no dollar limits.
   *
   * @throws NullPointerException if an argument is null
   */
  public BudgetContext(
      String planId,
      String stepId,
      String correlationId,
      TokenBudget planTokens,
      TokenBudget stepTokens) {
    this(
        planId,
        stepId,
        correlationId,
        planTokens,
        stepTokens,
        UsdBudget.unlimited(),
        UsdBudget.unlimited());
  }

  /** No ids and no limits; each call gets fresh unlimited counters. */
  public static BudgetContext none() {
    return forStep("", "");
  }

  /**
   * A context for one step of a plan, without limits until some are added.
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
    return new BudgetContext(
        planId, stepId, correlationId, planTokens, stepTokens, planUsd, stepUsd);
  }

  /**
   * This context with the plan's token allowance.
   *
   * @throws NullPointerException if {@code planTokens} is null
   */
  public BudgetContext withPlanTokens(TokenBudget planTokens) {
    return new BudgetContext(
        planId, stepId, correlationId, planTokens, stepTokens, planUsd, stepUsd);
  }

  /**
   * This context with the step's token allowance.
   *
   * @throws NullPointerException if {@code stepTokens} is null
   */
  public BudgetContext withStepTokens(TokenBudget stepTokens) {
    return new BudgetContext(
        planId, stepId, correlationId, planTokens, stepTokens, planUsd, stepUsd);
  }

  /**
   * This context with the plan's dollar allowance.
   *
   * @throws NullPointerException if {@code planUsd} is null
   */
  public BudgetContext withPlanUsd(UsdBudget planUsd) {
    return new BudgetContext(
        planId, stepId, correlationId, planTokens, stepTokens, planUsd, stepUsd);
  }

  /**
   * This context with the step's dollar allowance.
   *
   * @throws NullPointerException if {@code stepUsd} is null
   */
  public BudgetContext withStepUsd(UsdBudget stepUsd) {
    return new BudgetContext(
        planId, stepId, correlationId, planTokens, stepTokens, planUsd, stepUsd);
  }

  /**
   * Reserves {@code tokens} and {@code usd} on all four allowances at once, or on none: no other
   * call sees a part of the reservation. The router calls this before every model call with the
   * call's worst case; a host that calls a provider itself can do the same.
   *
   * @param tokens the most tokens the call may use
   * @param usd the most the call may cost
   * @return the hold, to settle with the real usage or to close
   * @throws NullPointerException if {@code usd} is null
   * @throws IllegalArgumentException if {@code tokens} is negative
   * @throws BudgetExceededException if an allowance has no room, naming the first that has none
   *     (plan tokens, step tokens, plan dollars, step dollars, in that order)
   */
  public BudgetHold reserve(long tokens, Money usd) {
    Checks.notNegative(tokens, "tokens");
    Checks.notNull(usd, "usd");
    return ContextHold.reserve(
        this,
        List.of(
            planTokens.reserver(), stepTokens.reserver(), planUsd.reserver(), stepUsd.reserver()),
        tokens,
        usd);
  }
}
