package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.Reserver;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A token allowance shared by calls, such as a plan's or a step's budget. A call reserves its
 * estimate (prompt tokens plus the completion cap) before it runs and settles with the real usage
 * after, so concurrent calls never take more than the limit between them.
 *
 * <pre>{@code
 * TokenBudget plan = TokenBudget.of(20_000);
 * BudgetContext ctx = BudgetContext.forStep("plan-1", "summarize").withPlanTokens(plan);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TokenBudget {
  private final Reserver reserver;

  private TokenBudget(Long limit) {
    this.reserver = new Reserver(limit == null ? null : BigDecimal.valueOf(limit), BigDecimal.ZERO);
  }

  /**
   * An allowance of {@code limit} tokens.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public static TokenBudget of(long limit) {
    return new TokenBudget(Checks.positive(limit, "limit"));
  }

  /** An allowance without limit; it still counts what is used. */
  public static TokenBudget unlimited() {
    return new TokenBudget(null);
  }

  /** The limit, or empty when unlimited. */
  public OptionalLong limit() {
    BigDecimal limit = reserver.limit();
    return limit == null ? OptionalLong.empty() : OptionalLong.of(limit.longValue());
  }

  /** Tokens that settled calls used. */
  public long used() {
    return reserver.spent().longValue();
  }

  /** Tokens held by calls in flight. */
  public long reserved() {
    return reserver.reserved().longValue();
  }

  /** Tokens still free for new calls, or empty when unlimited. */
  public OptionalLong remaining() {
    BigDecimal left = reserver.remaining();
    return left == null ? OptionalLong.empty() : OptionalLong.of(left.longValue());
  }

  /**
   * Reserves {@code tokens} if they fit.
   *
   * @return the reservation, or empty if it would pass the limit
   * @throws IllegalArgumentException if {@code tokens} is negative
   */
  public Optional<Reservation> tryReserve(long tokens) {
    Checks.notNegative(tokens, "tokens");
    return reserver.tryReserve(BigDecimal.valueOf(tokens)).map(Reservation::new);
  }

  Reserver reserver() {
    return reserver;
  }

  @Override
  public String toString() {
    return "TokenBudget[limit=" + limit() + ", used=" + used() + ", reserved=" + reserved() + "]";
  }

  /** Tokens held for one call; settle or release it exactly once. Thread-safe. */
  public static final class Reservation {
    private final Reserver.Hold hold;

    private Reservation(Reserver.Hold hold) {
      this.hold = hold;
    }

    /** The reserved tokens. */
    public long tokens() {
      return hold.amount().longValue();
    }

    /**
     * Ends the reservation and counts {@code actual} tokens as used.
     *
     * @throws IllegalArgumentException if {@code actual} is negative
     * @throws IllegalStateException if the reservation is already settled or released
     */
    public void settle(long actual) {
      hold.settle(BigDecimal.valueOf(Checks.notNegative(actual, "actual")));
    }

    /**
     * Ends the reservation without using anything.
     *
     * @throws IllegalStateException if the reservation is already settled or released
     */
    public void release() {
      hold.release();
    }
  }
}
