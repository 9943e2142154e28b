package dev.olympus.executor.internal.run;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.BudgetExceededException.Scope;
import dev.olympus.llm.TokenMeter;
import dev.olympus.llm.UsdMeter;
import dev.olympus.plan.Budget;
import dev.olympus.plan.Money;
import dev.olympus.plan.Plan;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each plan and step may still spend, in tokens and dollars. The allowances go to the router
 * in each model call's {@link BudgetContext}; the router reserves a call's worst case on the plan's
 * and the step's allowances together before it sends anything and settles with the real usage
 * after, so concurrent model steps never spend more than a limit between them. Thread-safe.
 */
public final class BudgetBook {
  private final Map<String, Account> plans = new ConcurrentHashMap<>();
  private final Map<String, Account> steps = new ConcurrentHashMap<>();

  /** Opens the account of {@code plan}, counting what earlier runs of it already spent. */
  public void open(Plan plan, long tokensSpent, BigDecimal usdSpent) {
    plans.put(plan.id(), Account.of(plan, plan.budget(), tokensSpent, usdSpent));
  }

  /**
   * Counts what step {@code stepId} of an opened plan already spent in earlier runs, so a resumed
   * step cannot spend its allowance twice.
   */
  public void openStep(String planId, String stepId, long tokensSpent, BigDecimal usdSpent) {
    Account plan = plans.get(planId);
    if (plan != null && plan.plan.hasStep(stepId)) {
      Budget budget = plan.plan.step(stepId).guard().budget();
      steps.put(key(planId, stepId), Account.of(plan.plan, budget, tokensSpent, usdSpent));
    }
  }

  /** Forgets {@code planId} once its run finished. */
  public void close(String planId) {
    plans.remove(planId);
    steps.keySet().removeIf(key -> key.startsWith(planId + "\u0000"));
  }

  /**
   * Returns why step {@code stepId} may not spend any more — its own dollar budget or its plan's
   * budget is spent — or empty if it can. A call that may not fit what is left is refused by the
   * router when it reserves.
   */
  public Optional<String> exhausted(String planId, String stepId) {
    return refusal(planId, stepId).map(Throwable::getMessage);
  }

  /**
   * The refusal a model call of step {@code stepId} meets before it asks anything (its scope says
   * which budget is spent), or empty if the step can still spend.
   */
  public Optional<BudgetExceededException> refusal(String planId, String stepId) {
    Account plan = plans.get(planId);
    if (plan != null && plan.plan.hasStep(stepId)) {
      Optional<String> spent = step(plan, stepId).usdSpent("step");
      if (spent.isPresent()) {
        return Optional.of(new BudgetExceededException(Scope.STEP_USD, spent.get()));
      }
    }
    return planRefusal(planId);
  }

  /** Returns why the plan's budget is spent, or empty if it can still spend. */
  public Optional<String> exhausted(String planId) {
    return planRefusal(planId).map(Throwable::getMessage);
  }

  private Optional<BudgetExceededException> planRefusal(String planId) {
    Account account = plans.get(planId);
    if (account == null) {
      return Optional.empty();
    }
    // Spent is what settled calls used: what calls in flight hold is mostly given back, and a call
    // that does not fit beside them is refused by the router when it reserves.
    OptionalLong limit = account.tokens.limit();
    if (limit.isPresent() && account.tokens.used() >= limit.getAsLong()) {
      String why = "plan token budget of " + account.budget.maxTokens().getAsLong() + " is spent";
      return Optional.of(new BudgetExceededException(Scope.PLAN_TOKENS, why));
    }
    return account.usdSpent("plan").map(why -> new BudgetExceededException(Scope.PLAN_USD, why));
  }

  /** The budget context for a model call made by step {@code stepId}. */
  public BudgetContext context(String planId, String stepId) {
    Account plan = plans.get(planId);
    BudgetContext.Builder context = BudgetContext.builder(planId, stepId);
    if (plan == null || !plan.plan.hasStep(stepId)) {
      return context.build();
    }
    Account step = step(plan, stepId);
    return context
        .planTokens(plan.tokens)
        .stepTokens(step.tokens)
        .planUsd(plan.usd)
        .stepUsd(step.usd)
        .build();
  }

  private Account step(Account plan, String stepId) {
    return steps.computeIfAbsent(
        key(plan.plan.id(), stepId),
        k -> Account.of(plan.plan, plan.plan.step(stepId).guard().budget(), 0, BigDecimal.ZERO));
  }

  private static String key(String planId, String stepId) {
    return planId + "\u0000" + stepId;
  }

  /** The token and dollar allowances of a plan or of one of its steps. */
  private record Account(Plan plan, Budget budget, TokenMeter tokens, UsdMeter usd) {
    static Account of(Plan plan, Budget budget, long tokensSpent, BigDecimal usdSpent) {
      TokenMeter tokens =
          budget.maxTokens().isPresent()
              ? TokenMeter.of(budget.maxTokens().getAsLong(), tokensSpent)
              : TokenMeter.unlimited();
      UsdMeter usd =
          budget.maxUsd().isPresent()
              ? UsdMeter.of(budget.maxUsd().get(), Money.usd(usdSpent))
              : UsdMeter.unlimited();
      return new Account(plan, budget, tokens, usd);
    }

    /** Why this account's dollars are spent, or empty. */
    Optional<String> usdSpent(String what) {
      return budget
          .maxUsd()
          .filter(limit -> !limit.exceeds(usd.spent()))
          .map(limit -> what + " budget of " + limit + " is spent");
    }
  }
}
