package dev.olympus.llm.spi;

import dev.olympus.llm.internal.budget.InMemorySpendLedger;
import dev.olympus.plan.Money;
import java.time.LocalDate;

/**
 * Where the router keeps each UTC day's spending on paid providers: a committed total (settled
 * charges plus open reservations) checked against the daily ceiling, and the settled charges alone.
 * Before a paid call the router {@linkplain #tryReserve reserves} its worst case; after it, it
 * {@linkplain #settle settles} the reservation with the real cost (zero if nothing was sent).
 *
 * <pre>{@code
 * LlmRouter router = LlmRouter.builder()
 *     .spendLedger(sharedLedger)   // one ceiling for every router that uses it
 *     ...
 * }</pre>
 *
 * <p>{@code Olympus.routerBuilder(memory)} (olympus-executor) gives a router a ledger in a memory
 * store's SQLite file, shared by every process on that file.
 *
 * <p>Implementations must be thread-safe, and {@link #tryReserve} must check and add in one atomic
 * step for every router that shares the ledger: that is what keeps all of them under one ceiling. A
 * reservation that is never settled (the process died during the call) stays in the committed total
 * for its day: the ledger errs on the side of refusing, never of overspending. An exception thrown
 * by {@link #tryReserve} makes the router skip the paid provider; one thrown by {@link #settle} is
 * logged (the reservation then stays committed) and the call's answer is still returned.
 */
public interface SpendLedger {
  /** A ledger that lives as long as the process: the default. */
  static SpendLedger inMemory() {
    return new InMemorySpendLedger();
  }

  /**
   * What settled calls cost on {@code day} (UTC), zero if nothing.
   *
   * @throws NullPointerException if {@code day} is null
   */
  Money spentOn(LocalDate day);

  /**
   * What counts against {@code day}'s ceiling: settled charges plus open reservations, including
   * those of processes that died before settling.
   *
   * @throws NullPointerException if {@code day} is null
   */
  Money committedOn(LocalDate day);

  /**
   * Adds {@code amount} to {@code day}'s committed total if the result stays at most {@code
   * ceiling}, in one atomic step; otherwise changes nothing.
   *
   * @return whether the amount was reserved
   * @throws NullPointerException if an argument is null
   */
  boolean tryReserve(LocalDate day, Money amount, Money ceiling);

  /**
   * Ends a reservation of {@code reserved} on {@code day}: the committed total drops by {@code
   * reserved} and grows by {@code actual}, and the settled total grows by {@code actual}. There is
   * no ceiling check: a call that cost more than it reserved is charged in full, and the day then
   * refuses new reservations until its committed total is under the ceiling again.
   *
   * @throws NullPointerException if an argument is null
   */
  void settle(LocalDate day, Money reserved, Money actual);
}
