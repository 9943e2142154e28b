package dev.olympus.llm;

import dev.olympus.plan.internal.Checks;

/**
 * The call does not fit a budget: the router's daily dollar budget for paid providers, or the
 * plan's or step's token or dollar allowance. Nothing was sent and nothing was charged. Not
 * retryable: a larger budget or a smaller request is needed.
 *
 * <p>Immutable and thread-safe.
 */
public final class BudgetExceededException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** Which budget refused the call. */
  private final Scope scope;

  /** The budgets a call is checked against. */
  public enum Scope {
    /** The router's daily dollar budget for paid providers. */
    DAILY_USD,
    /** The plan's token allowance. */
    PLAN_TOKENS,
    /** The step's token allowance. */
    STEP_TOKENS,
    /** The plan's dollar allowance. */
    PLAN_USD,
    /** The step's dollar allowance. */
    STEP_USD;

    /** Whether this is a dollar budget (the daily, plan or step one). */
    public boolean isUsd() {
      return this == DAILY_USD || this == PLAN_USD || this == STEP_USD;
    }
  }

  /**
   * A budget refusal.
   *
   * @param scope which budget refused
   * @param message the estimate and what was left
   * @throws NullPointerException if an argument is null
   */
  public BudgetExceededException(Scope scope, String message) {
    super("", message, null);
    this.scope = Checks.notNull(scope, "scope");
  }

  /** Which budget refused the call. */
  public Scope scope() {
    return scope;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
