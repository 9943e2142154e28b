package dev.olympus.llm.internal;

import dev.olympus.llm.Money;
import dev.olympus.llm.SpendLedger;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's daily dollar budget for paid providers: estimates are reserved in memory against the
 * day's ceiling (what the ledger says was spent plus open reservations), real costs are settled
 * into the ledger. A new UTC day starts from what the ledger holds for it. Thread-safe.
 */
final class DailyBudget {
  private static final Logger LOG = LoggerFactory.getLogger(DailyBudget.class);

  private final Money limit;
  private final SpendLedger ledger;
  private final Clock clock;
  private LocalDate day;
  private Reserver reserver;

  DailyBudget(Money limit, SpendLedger ledger, Clock clock) {
    this.limit = limit;
    this.ledger = ledger;
    this.clock = clock;
  }

  Money limit() {
    return limit;
  }

  /** Reserves {@code estimate} on today's budget, or returns empty if it does not fit. */
  synchronized Optional<Hold> tryReserve(Money estimate) {
    Reserver today = today();
    return today.tryReserve(estimate.amount()).map(hold -> new Hold(day, hold));
  }

  /** What was settled today. */
  Money spentToday() {
    return Money.usd(today().spent());
  }

  /** What is left today for new reservations. */
  Money remainingToday() {
    return Money.usd(today().remaining());
  }

  private synchronized Reserver today() {
    LocalDate now = LocalDate.now(clock);
    if (!now.equals(day)) {
      day = now;
      reserver = new Reserver(limit.amount(), ledger.spentOn(now).amount());
    }
    return reserver;
  }

  /** A reservation on one day's budget; settle or release it exactly once. */
  final class Hold {
    private final LocalDate day;
    private final Reserver.Hold hold;

    private Hold(LocalDate day, Reserver.Hold hold) {
      this.day = day;
      this.hold = hold;
    }

    /** Charges {@code actual} and records it in the ledger. */
    void settle(Money actual) {
      hold.settle(actual.amount());
      if (actual.isZero()) {
        return;
      }
      try {
        ledger.add(day, actual);
      } catch (RuntimeException e) {
        LOG.error("the spend ledger did not record {} for {}; kept in memory only", actual, day, e);
      }
    }

    /** Releases the reservation without charging. */
    void release() {
      hold.release();
    }
  }
}
