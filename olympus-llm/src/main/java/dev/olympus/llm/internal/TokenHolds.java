package dev.olympus.llm.internal;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.BudgetExceededException.Scope;
import dev.olympus.llm.TokenBudget;
import java.util.Optional;

/** A call's reservations on its plan's and step's token allowances. One thread. */
final class TokenHolds {
  private final TokenBudget.Reservation plan;
  private final TokenBudget.Reservation step;

  private TokenHolds(TokenBudget.Reservation plan, TokenBudget.Reservation step) {
    this.plan = plan;
    this.step = step;
  }

  /**
   * Reserves {@code tokens} on both allowances of {@code budget}.
   *
   * @throws BudgetExceededException if either cannot hold them
   */
  static TokenHolds reserve(BudgetContext budget, long tokens) {
    TokenBudget.Reservation plan = take(budget.planTokens(), tokens, Scope.PLAN_TOKENS, "plan");
    Optional<TokenBudget.Reservation> step = budget.stepTokens().tryReserve(tokens);
    if (step.isEmpty()) {
      plan.release();
      throw refusal(budget.stepTokens(), tokens, Scope.STEP_TOKENS, "step");
    }
    return new TokenHolds(plan, step.get());
  }

  private static TokenBudget.Reservation take(
      TokenBudget allowance, long tokens, Scope scope, String what) {
    return allowance.tryReserve(tokens).orElseThrow(() -> refusal(allowance, tokens, scope, what));
  }

  private static BudgetExceededException refusal(
      TokenBudget allowance, long tokens, Scope scope, String what) {
    return new BudgetExceededException(
        scope,
        "the "
            + what
            + " token budget cannot cover this call: it may use up to "
            + tokens
            + " tokens (prompt estimate plus max tokens) but "
            + allowance.remaining().orElse(Long.MAX_VALUE)
            + " of "
            + allowance.limit().orElse(Long.MAX_VALUE)
            + " remain");
  }

  void settle(long actual) {
    plan.settle(actual);
    step.settle(actual);
  }

  void release() {
    plan.release();
    step.release();
  }
}
