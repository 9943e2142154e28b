package dev.olympus.temporal.internal;

import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import dev.olympus.temporal.internal.Wire.Allowance;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a plan and each of its steps have spent on model calls, held in the workflow's state. A
 * model call of a plan with a limit gets the whole remaining allowance, so such calls take turns:
 * two at once could each fit what is left and together exceed it.
 *
 * <p>Workflow code: runs on the workflow's threads only.
 */
final class Spending {
  private final Plan plan;
  private long planTokens;
  private Money planUsd = Money.ZERO;
  private final Map<String, Long> stepTokens = new HashMap<>();
  private final Map<String, Money> stepUsd = new HashMap<>();
  private boolean held;

  Spending(Plan plan) {
    this.plan = plan;
  }

  /** Why step {@code step} may spend nothing more (its or the plan's budget is spent), or empty. */
  Optional<String> exhausted(String step) {
    Budget own = plan.step(step).guard().budget();
    Optional<String> stepSpent = usdSpent(own, stepUsd.getOrDefault(step, Money.ZERO), "step");
    if (stepSpent.isPresent()) {
      return stepSpent;
    }
    Budget budget = plan.budget();
    if (budget.maxTokens().isPresent() && budget.maxTokens().getAsLong() <= planTokens) {
      return Optional.of("plan token budget of " + budget.maxTokens().getAsLong() + " is spent");
    }
    return usdSpent(budget, planUsd, "plan");
  }

  private static Optional<String> usdSpent(Budget budget, Money spent, String what) {
    return budget
        .maxUsd()
        .filter(limit -> !limit.exceeds(spent))
        .map(limit -> what + " budget of " + limit + " is spent");
  }

  /** True if a model call of {@code step} must take its turn (a limit applies to it). */
  boolean limited(String step) {
    return !plan.budget().isUnlimited() || !plan.step(step).guard().budget().isUnlimited();
  }

  /** Waits for the turn of a model call; {@link #release()} ends it. */
  void hold() {
    Workflow.await(() -> !held);
    held = true;
  }

  /** Ends the turn taken by {@link #hold()}. */
  void release() {
    held = false;
  }

  /** The limits of a model call by {@code step} and what has been spent against them. */
  Allowance allowance(String step) {
    Budget own = plan.step(step).guard().budget();
    Budget budget = plan.budget();
    return new Allowance(
        budget.maxTokens().orElse(-1),
        planTokens,
        budget.maxUsd().map(Spending::plain).orElse(""),
        plain(planUsd),
        own.maxTokens().orElse(-1),
        stepTokens.getOrDefault(step, 0L),
        own.maxUsd().map(Spending::plain).orElse(""),
        plain(stepUsd.getOrDefault(step, Money.ZERO)));
  }

  private static String plain(Money usd) {
    return usd.amount().toPlainString();
  }

  /** Counts what a model call of {@code step} spent. */
  void charge(String step, long tokens, Money usd) {
    planTokens += tokens;
    planUsd = planUsd.plus(usd);
    stepTokens.merge(step, tokens, Long::sum);
    stepUsd.merge(step, usd, Money::plus);
  }
}
