package dev.olympus.llm.internal.budget;

import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.BudgetExceededException;
import dev.olympus.llm.BudgetExceededException.Scope;
import dev.olympus.llm.BudgetHold;
import dev.olympus.llm.TokenMeter;
import dev.olympus.llm.UsdMeter;
import dev.olympus.llm.internal.Checks;
import dev.olympus.plan.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BudgetHold} of {@link BudgetContext#reserve}: a call's holds on its plan's and step's
 * token and dollar allowances, taken together. Thread-safe.
 */
public final class ContextHold implements BudgetHold {
  private static final Logger LOG = LoggerFactory.getLogger(ContextHold.class);

  private final List<Reserver.Hold> tokenHolds;
  private final List<Reserver.Hold> usdHolds;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ContextHold(List<Reserver.Hold> tokenHolds, List<Reserver.Hold> usdHolds) {
    this.tokenHolds = tokenHolds;
    this.usdHolds = usdHolds;
  }

  /**
   * Reserves {@code tokens} on the first two of {@code reservers} (the plan's and step's token
   * allowances of {@code context}) and {@code usd} on the last two (its dollar allowances).
   *
   * @throws BudgetExceededException naming the first allowance without room
   */
  public static ContextHold reserve(
      BudgetContext context, List<Reserver> reservers, long tokens, Money usd) {
    BigDecimal t = BigDecimal.valueOf(tokens);
    List<Reserver.Hold> holds =
        Reserver.reserveAll(
            reservers,
            List.of(t, t, usd.amount(), usd.amount()),
            index -> refusal(context, index, tokens, usd));
    return new ContextHold(holds.subList(0, 2), holds.subList(2, 4));
  }

  private static BudgetExceededException refusal(
      BudgetContext context, int index, long tokens, Money usd) {
    return switch (index) {
      case 0 -> tokenRefusal(Scope.PLAN_TOKENS, "plan", context.planTokens(), tokens);
      case 1 -> tokenRefusal(Scope.STEP_TOKENS, "step", context.stepTokens(), tokens);
      case 2 -> usdRefusal(Scope.PLAN_USD, "plan", context.planUsd(), usd);
      default -> usdRefusal(Scope.STEP_USD, "step", context.stepUsd(), usd);
    };
  }

  private static BudgetExceededException tokenRefusal(
      Scope scope, String what, TokenMeter allowance, long tokens) {
    return refusal(
        scope,
        what + " token",
        "use up to " + tokens + " tokens (prompt estimate plus max tokens)",
        allowance.remaining().orElse(Long.MAX_VALUE),
        allowance.limit().orElse(Long.MAX_VALUE));
  }

  private static BudgetExceededException usdRefusal(
      Scope scope, String what, UsdMeter allowance, Money usd) {
    return refusal(
        scope,
        what + " dollar",
        "cost up to " + usd + " (prompt estimate plus max tokens at the dearest provider's prices)",
        allowance.remaining().orElse(Money.ZERO),
        allowance.limit().orElse(Money.ZERO));
  }

  private static BudgetExceededException refusal(
      Scope scope, String budget, String worstCase, Object remaining, Object limit) {
    return new BudgetExceededException(
        scope,
        "the "
            + budget
            + " budget cannot cover this call: it may "
            + worstCase
            + " but "
            + remaining
            + " of "
            + limit
            + " remain");
  }

  @Override
  public void settle(long tokens, Money usd) {
    Checks.notNegative(tokens, "tokens");
    Checks.notNull(usd, "usd");
    Checks.state(closed.compareAndSet(false, true), "the hold was already settled or closed");
    BigDecimal t = BigDecimal.valueOf(tokens);
    if (t.compareTo(tokenHolds.get(0).amount()) > 0 || usd.amount().compareTo(amount()) > 0) {
      LOG.warn(
          "a call used more than its worst case ({} tokens, {} against {} tokens, {} held):"
              + " the provider reported more than estimated, so a limit may be passed",
          tokens,
          usd,
          tokenHolds.get(0).amount(),
          Money.usd(amount()));
    }
    tokenHolds.forEach(hold -> hold.settle(t));
    usdHolds.forEach(hold -> hold.settle(usd.amount()));
  }

  private BigDecimal amount() {
    return usdHolds.get(0).amount();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      tokenHolds.forEach(Reserver.Hold::release);
      usdHolds.forEach(Reserver.Hold::release);
    }
  }
}
