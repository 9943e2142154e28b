package dev.olympus.llm.internal.budget;

import dev.olympus.llm.internal.Checks;
import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.plan.Money;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** A {@link SpendLedger} in two maps; forgets everything when the process ends. Thread-safe. */
public final class InMemorySpendLedger implements SpendLedger {
  private final Map<LocalDate, Money> spent = new HashMap<>();
  private final Map<LocalDate, Money> committed = new HashMap<>();

  @Override
  public synchronized Money spentOn(LocalDate day) {
    return spent.getOrDefault(Checks.notNull(day, "day"), Money.ZERO);
  }

  @Override
  public synchronized Money committedOn(LocalDate day) {
    return committed.getOrDefault(Checks.notNull(day, "day"), Money.ZERO);
  }

  @Override
  public synchronized boolean tryReserve(LocalDate day, Money amount, Money ceiling) {
    Money next = committedOn(day).plus(Checks.notNull(amount, "amount"));
    if (next.exceeds(Checks.notNull(ceiling, "ceiling"))) {
      return false;
    }
    committed.put(day, next);
    return true;
  }

  @Override
  public synchronized void settle(LocalDate day, Money reserved, Money actual) {
    Checks.notNull(reserved, "reserved");
    Checks.notNull(actual, "actual");
    committed.put(day, committedOn(day).minus(reserved).plus(actual));
    spent.put(day, spentOn(day).plus(actual));
  }
}
