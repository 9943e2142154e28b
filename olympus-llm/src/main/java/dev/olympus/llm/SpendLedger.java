package dev.olympus.llm;

import dev.olympus.llm.internal.InMemorySpendLedger;
import dev.olympus.llm.internal.MemorySpendLedger;
import dev.olympus.memory.MemoryStore;
import dev.olympus.plan.internal.Checks;
import java.time.LocalDate;

/**
 * Where the router keeps what paid providers cost each day, so that the daily budget survives a
 * restart when the ledger is persistent. The router reserves estimates in memory and records only
 * settled, real costs here.
 *
 * <pre>{@code
 * LlmRouter router = LlmRouter.builder()
 *     .spendLedger(SpendLedger.inMemory())
 *     ...
 * }</pre>
 *
 * <p>Implementations must be thread-safe. An exception thrown by {@link #add} is logged and the
 * call's answer is still returned: the charge is then kept in memory only.
 */
public interface SpendLedger {
  /** A ledger that lives as long as the process: the default. */
  static SpendLedger inMemory() {
    return new InMemorySpendLedger();
  }

  /**
   * A ledger in {@code memory}'s counters (SQLite), so the daily total survives restarts and is
   * shared by every process using the same file. {@link LlmRouterBuilder#memory(MemoryStore)} uses
   * it unless another ledger is given.
   *
   * @throws NullPointerException if {@code memory} is null
   */
  static SpendLedger persistentIn(MemoryStore memory) {
    return new MemorySpendLedger(Checks.notNull(memory, "memory").counters());
  }

  /**
   * What was spent on {@code day} (UTC), zero if nothing.
   *
   * @param day the day
   * @return the total
   */
  Money spentOn(LocalDate day);

  /**
   * Adds {@code amount} to the total of {@code day} (UTC).
   *
   * @param day the day
   * @param amount what a call cost
   */
  void add(LocalDate day, Money amount);
}
