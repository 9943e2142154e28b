package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import java.util.List;

/**
 * The call does not fit a budget: the router's daily dollar budget for paid providers, or the
 * plan's or step's token or dollar allowance. This is the one type a budget refusal has: the router
 * throws it whenever no provider answered and at least one was passed over for a budget, also when
 * a local provider was tried first and failed ({@link #reasons()} then lists each provider and why,
 * and the local failure is the cause). {@code scope() == Scope.DAILY_USD} means "today's budget is
 * spent". Nothing was charged for the refused provider. Not retryable: a larger budget, a smaller
 * request or a working local provider is needed.
 *
 * <p>Immutable and thread-safe.
 */
public final class BudgetExceededException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** Which budget refused the call. */
  private final Scope scope;

  /** Each provider and why it did not answer, in routing order; empty when refused before. */
  // Not serialized: a deserialized copy reports no reasons (its message still names them).
  private final transient List<ProviderSkip> reasons;

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
    this(scope, message, List.of(), null);
  }

  /**
   * A budget refusal after routing: some providers were passed over for the budget, the others
   * skipped or failed.
   *
   * @param scope which budget refused
   * @param message the estimate and what was left
   * @param reasons each provider and why it did not answer, in routing order
   * @param cause the last provider failure, or null
   * @throws NullPointerException if {@code scope}, {@code message} or {@code reasons} is null, or
   *     {@code reasons} holds a null
   */
  public BudgetExceededException(
      Scope scope, String message, List<ProviderSkip> reasons, Throwable cause) {
    super("", message, cause);
    this.scope = Checks.notNull(scope, "scope");
    this.reasons = List.copyOf(Checks.noNulls(reasons, "reasons"));
  }

  /**
   * Each provider and why it did not answer, in routing order; empty when the call was refused
   * before any provider was considered (a token allowance, say).
   */
  public List<ProviderSkip> reasons() {
    return reasons == null ? List.of() : reasons;
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
