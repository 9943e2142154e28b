package dev.olympus.llm.internal;

import dev.olympus.llm.Money;
import dev.olympus.llm.SpendLedger;
import dev.olympus.memory.Counters;
import dev.olympus.plan.internal.Checks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * A {@link SpendLedger} in the memory store's counters (one SQLite row per day, updated in a
 * transaction), so the daily total survives restarts. Amounts are kept in pico-dollars, rounded up,
 * so that per-token prices add up exactly and a charge is never under-counted. Thread-safe.
 */
public final class MemorySpendLedger implements SpendLedger {
  private static final String PREFIX = "llm.spend.usd-pico.";
  private static final int PICO = 12;

  private final Counters counters;

  /** A ledger in {@code counters}. */
  public MemorySpendLedger(Counters counters) {
    this.counters = Checks.notNull(counters, "counters");
  }

  @Override
  public Money spentOn(LocalDate day) {
    long picos = counters.get(key(day));
    return Money.usd(BigDecimal.valueOf(Math.max(0, picos), PICO));
  }

  @Override
  public void add(LocalDate day, Money amount) {
    Checks.notNull(amount, "amount");
    long picos =
        amount.amount().movePointRight(PICO).setScale(0, RoundingMode.CEILING).longValueExact();
    counters.add(key(day), picos);
  }

  private static String key(LocalDate day) {
    return PREFIX + Checks.notNull(day, "day");
  }
}
