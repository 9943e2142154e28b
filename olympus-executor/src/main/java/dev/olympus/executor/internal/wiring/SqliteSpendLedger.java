package dev.olympus.executor.internal.wiring;

import dev.olympus.executor.internal.Checks;
import dev.olympus.llm.spi.SpendLedger;
import dev.olympus.memory.Counters;
import dev.olympus.plan.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * A {@link SpendLedger} in the memory store's counters, two SQLite rows per day: the committed
 * total (settled charges plus open reservations; the key older versions used for the settled total,
 * so a day they recorded still counts against the ceiling) and the settled total. A reservation is
 * one {@link Counters#addIfWithin} (check and add in one write transaction, so every process on the
 * file sees one ceiling); a settlement moves the committed total by the difference first, then adds
 * to the settled total. Amounts are kept in pico-dollars, rounded up, so that per-token prices add
 * up exactly and a charge is never under-counted. Thread-safe.
 */
public final class SqliteSpendLedger implements SpendLedger {
  private static final String COMMITTED = "llm.spend.usd-pico.";
  private static final String SETTLED = "llm.settled.usd-pico.";
  private static final int PICO = 12;
  // A ceiling this high (about 9.2 million dollars) is no ceiling in pico-dollars.
  private static final BigDecimal MAX_USD = BigDecimal.valueOf(Long.MAX_VALUE, PICO);

  private final Counters counters;

  /** A ledger in {@code counters}. */
  public SqliteSpendLedger(Counters counters) {
    this.counters = Checks.notNull(counters, "counters");
  }

  @Override
  public Money spentOn(LocalDate day) {
    return read(SETTLED, day);
  }

  @Override
  public Money committedOn(LocalDate day) {
    return read(COMMITTED, day);
  }

  @Override
  public boolean tryReserve(LocalDate day, Money amount, Money ceiling) {
    Checks.notNull(ceiling, "ceiling");
    long limit = ceiling.amount().compareTo(MAX_USD) >= 0 ? Long.MAX_VALUE : picos(ceiling);
    return counters.addIfWithin(key(COMMITTED, day), picos(amount), limit).isPresent();
  }

  @Override
  public void settle(LocalDate day, Money reserved, Money actual) {
    long charged = picos(actual);
    counters.add(key(COMMITTED, day), charged - picos(reserved));
    if (charged > 0) {
      counters.add(key(SETTLED, day), charged);
    }
  }

  private Money read(String prefix, LocalDate day) {
    long picos = counters.get(key(prefix, day));
    return Money.usd(BigDecimal.valueOf(Math.max(0, picos), PICO));
  }

  private static long picos(Money amount) {
    return Checks.notNull(amount, "amount")
        .amount()
        .movePointRight(PICO)
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  private static String key(String prefix, LocalDate day) {
    return prefix + Checks.notNull(day, "day");
  }
}
