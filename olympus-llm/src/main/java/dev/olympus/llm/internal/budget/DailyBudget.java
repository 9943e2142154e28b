package dev.olympus.llm.internal.budget;

import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's daily dollar budget for paid providers, kept entirely in the {@link SpendLedger}: a
 * call reserves its worst case there against the day's ceiling and settles it with the real cost,
 * so every router on a shared ledger sees the same reservations. Thread-safe.
 */
public final class DailyBudget {
  private static final Logger LOG = LoggerFactory.getLogger(DailyBudget.class);

  private final Money limit;
  private final SpendLedger ledger;
  private final Clock clock;

  public DailyBudget(Money limit, SpendLedger ledger, Clock clock) {
    this.limit = limit;
    this.ledger = ledger;
    this.clock = clock;
  }

  public Money limit() {
    return limit;
  }

  /**
   * Reserves {@code estimate} on today's budget, or returns empty if it does not fit.
   *
   * @throws RuntimeException what the ledger threw (nothing was reserved)
   */
  public Optional<Hold> tryReserve(Money estimate) {
    LocalDate today = LocalDate.now(clock);
    return ledger.tryReserve(today, estimate, limit)
        ? Optional.of(new Hold(today, estimate))
        : Optional.empty();
  }

  /** What was settled today. */
  public Money spentToday() {
    return ledger.spentOn(LocalDate.now(clock));
  }

  /** What is left today for new reservations. */
  public Money remainingToday() {
    return limit.minus(ledger.committedOn(LocalDate.now(clock)));
  }

  /** A reservation on one day's budget; settle or release it exactly once. */
  public final class Hold {
    private final LocalDate day;
    private final Money reserved;

    private Hold(LocalDate day, Money reserved) {
      this.day = day;
      this.reserved = reserved;
    }

    /** Charges {@code actual} in the ledger in place of the reservation. */
    public void settle(Money actual) {
      try {
        ledger.settle(day, reserved, actual);
      } catch (RuntimeException e) {
        LOG.error(
            "the spend ledger did not settle {} (reserved {}) for {}; the reservation stays"
                + " counted for the day",
            actual,
            reserved,
            day,
            e);
      }
    }

    /** Releases the reservation without charging. */
    public void release() {
      settle(Money.ZERO);
    }
  }
}
