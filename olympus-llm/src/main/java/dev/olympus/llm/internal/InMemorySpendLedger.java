package dev.olympus.llm.internal;

import dev.olympus.llm.Money;
import dev.olympus.llm.SpendLedger;
import dev.olympus.plan.internal.Checks;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link SpendLedger} in a map; forgets everything when the process ends. Thread-safe. */
public final class InMemorySpendLedger implements SpendLedger {
  private final ConcurrentMap<LocalDate, Money> totals = new ConcurrentHashMap<>();

  @Override
  public Money spentOn(LocalDate day) {
    return totals.getOrDefault(Checks.notNull(day, "day"), Money.ZERO);
  }

  @Override
  public void add(LocalDate day, Money amount) {
    totals.merge(Checks.notNull(day, "day"), Checks.notNull(amount, "amount"), Money::plus);
  }
}
