package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.internal.budget.Reserver;
import dev.olympus.plan.Money;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Counts the dollars that calls of one plan or step spend against an optional limit (the limit
 * comes from the plan's {@link dev.olympus.plan.Budget}; this is the running count). Before each
 * call the router reserves its worst case (the prompt estimate plus the completion cap, at the
 * prices of the dearest provider that may answer it) and settles with the real cost after, so
 * concurrent calls never spend more than the limit between them.
 *
 * <pre>{@code
 * UsdMeter plan = UsdMeter.of(Money.usd("0.05"));
 * BudgetContext ctx = BudgetContext.builder("plan-1", "summarize").planUsd(plan).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class UsdMeter {
  private final Reserver reserver;

  private UsdMeter(Money limit, Money spent) {
    this.reserver = new Reserver(limit == null ? null : limit.amount(), spent.amount());
  }

  /**
   * A meter with a limit of {@code limit} dollars.
   *
   * @throws NullPointerException if {@code limit} is null
   */
  public static UsdMeter of(Money limit) {
    return of(limit, Money.ZERO);
  }

  /**
   * A meter with a limit of {@code limit} dollars of which {@code alreadySpent} is gone, such as
   * what earlier runs of a resumed plan spent.
   *
   * @throws NullPointerException if an argument is null
   */
  public static UsdMeter of(Money limit, Money alreadySpent) {
    return new UsdMeter(
        Checks.notNull(limit, "limit"), Checks.notNull(alreadySpent, "alreadySpent"));
  }

  /** A meter without limit; it still counts what is spent. */
  public static UsdMeter unlimited() {
    return new UsdMeter(null, Money.ZERO);
  }

  /** The limit, or empty when unlimited. */
  public Optional<Money> limit() {
    return Optional.ofNullable(reserver.limit()).map(Money::usd);
  }

  /** Dollars that settled calls spent. */
  public Money spent() {
    return Money.usd(reserver.spent());
  }

  /** Dollars held by calls in flight. */
  public Money reserved() {
    return Money.usd(reserver.reserved());
  }

  /** Dollars still free for new calls, or empty when unlimited. */
  public Optional<Money> remaining() {
    BigDecimal left = reserver.remaining();
    return left == null ? Optional.empty() : Optional.of(Money.usd(left));
  }

  Reserver reserver() {
    return reserver;
  }

  @Override
  public String toString() {
    return "UsdMeter[limit="
        + limit().map(Money::toString).orElse("none")
        + ", spent="
        + spent()
        + ", reserved="
        + reserved()
        + "]";
  }
}
