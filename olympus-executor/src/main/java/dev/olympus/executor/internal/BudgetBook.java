package dev.olympus.executor.internal;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.Money;
import dev.olympus.llm.TokenBudget;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Plan;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each plan and step may still spend. Token limits are enforced by the router through
 * reservations ({@link TokenBudget}); dollar limits of a plan are checked before each model call
 * and charged after it. Thread-safe.
 */
public final class BudgetBook {
  private final Map<String, PlanAccount> plans = new ConcurrentHashMap<>();
  private final Map<String, TokenBudget> steps = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> stepUsd = new ConcurrentHashMap<>();

  /** Opens the account of {@code plan}, counting what earlier runs of it already spent. */
  public void open(Plan plan, long tokensSpent, BigDecimal usdSpent) {
    TokenBudget tokens =
        plan.budget().maxTokens().isPresent()
            ? TokenBudget.of(plan.budget().maxTokens().getAsLong())
            : TokenBudget.unlimited();
    if (tokensSpent > 0) {
      tokens.tryReserve(0).ifPresent(r -> r.settle(tokensSpent));
    }
    plans.put(plan.id(), new PlanAccount(plan, tokens, usdSpent));
  }

  /** Forgets {@code planId} once its run finished. */
  public void close(String planId) {
    plans.remove(planId);
    steps.keySet().removeIf(key -> key.startsWith(planId + "\u0000"));
    stepUsd.keySet().removeIf(key -> key.startsWith(planId + "\u0000"));
  }

  /**
   * Returns why step {@code stepId} may not spend any more — its own dollar budget or its plan's
   * budget is spent — or empty if it can. Dollar limits are checked before each model call and
   * charged after it, so one call may end slightly over the limit; token limits are reserved.
   */
  public Optional<String> exhausted(String planId, String stepId) {
    PlanAccount account = plans.get(planId);
    if (account != null && account.plan.hasStep(stepId)) {
      Budget step = account.plan.step(stepId).guard().budget();
      BigDecimal spent = stepUsd.getOrDefault(planId + "\u0000" + stepId, BigDecimal.ZERO);
      if (step.maxUsd().isPresent() && spent.compareTo(step.maxUsd().get()) >= 0) {
        return Optional.of("step budget of $" + step.maxUsd().get().toPlainString() + " is spent");
      }
    }
    return exhausted(planId);
  }

  /** Returns why the plan's budget is spent, or empty if it can still spend. */
  public Optional<String> exhausted(String planId) {
    PlanAccount account = plans.get(planId);
    if (account == null) {
      return Optional.empty();
    }
    Budget budget = account.plan.budget();
    if (account.tokens.remaining().isPresent() && account.tokens.remaining().getAsLong() <= 0) {
      return Optional.of("plan token budget of " + budget.maxTokens().getAsLong() + " is spent");
    }
    if (budget.maxUsd().isPresent() && account.usd().compareTo(budget.maxUsd().get()) >= 0) {
      return Optional.of("plan budget of $" + budget.maxUsd().get().toPlainString() + " is spent");
    }
    return Optional.empty();
  }

  /** The budget context for a model call made by step {@code stepId}. */
  public BudgetContext context(String planId, String stepId) {
    PlanAccount account = plans.get(planId);
    BudgetContext context = BudgetContext.forStep(planId, stepId);
    if (account == null) {
      return context;
    }
    TokenBudget step =
        steps.computeIfAbsent(
            planId + "\u0000" + stepId,
            k ->
                account.plan.step(stepId).guard().budget().maxTokens().isPresent()
                    ? TokenBudget.of(
                        account.plan.step(stepId).guard().budget().maxTokens().getAsLong())
                    : TokenBudget.unlimited());
    return context.withPlanTokens(account.tokens).withStepTokens(step);
  }

  /** Adds {@code cost} to the dollar spend of step {@code stepId} and of its plan. */
  public void charge(String planId, String stepId, Money cost) {
    PlanAccount account = plans.get(planId);
    if (account != null) {
      account.add(cost.amount());
      stepUsd.merge(planId + "\u0000" + stepId, cost.amount(), BigDecimal::add);
    }
  }

  private static final class PlanAccount {
    final Plan plan;
    final TokenBudget tokens;
    private BigDecimal usd;

    PlanAccount(Plan plan, TokenBudget tokens, BigDecimal usd) {
      this.plan = plan;
      this.tokens = tokens;
      this.usd = usd;
    }

    synchronized BigDecimal usd() {
      return usd;
    }

    synchronized void add(BigDecimal amount) {
      usd = usd.add(amount);
    }
  }
}
