package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.budget.Reserver;
import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * Counts the tokens that calls of one plan or step use against an optional limit (the limit comes
 * from the plan's {@link dev.olympus.plan.Budget}; this is the running count). A call reserves its
 * estimate (prompt tokens plus the completion cap) before it runs and settles with the real usage
 * after, so concurrent calls never take more than the limit between them.
 *
 * <pre>{@code
 * TokenMeter plan = TokenMeter.of(20_000);
 * BudgetContext ctx = BudgetContext.builder("plan-1", "summarize").planTokens(plan).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TokenMeter {
  private final Reserver reserver;

  private TokenMeter(Long limit, long alreadyUsed) {
    this.reserver =
        new Reserver(
            limit == null ? null : BigDecimal.valueOf(limit), BigDecimal.valueOf(alreadyUsed));
  }

  /**
   * A meter with a limit of {@code limit} tokens.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public static TokenMeter of(long limit) {
    return of(limit, 0);
  }

  /**
   * A meter with a limit of {@code limit} tokens of which {@code alreadyUsed} are gone, such as
   * what earlier runs of a resumed plan used.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive or {@code alreadyUsed} is
   *     negative
   */
  public static TokenMeter of(long limit, long alreadyUsed) {
    return new TokenMeter(
        Checks.positive(limit, "limit"), Checks.notNegative(alreadyUsed, "alreadyUsed"));
  }

  /** A meter without limit; it still counts what is used. */
  public static TokenMeter unlimited() {
    return new TokenMeter(null, 0);
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

  Reserver reserver() {
    return reserver;
  }

  @Override
  public String toString() {
    return "TokenMeter[limit=" + limit() + ", used=" + used() + ", reserved=" + reserved() + "]";
  }
}
