package dev.olympus.llm;

import dev.olympus.plan.Money;

/**
 * What one call holds on the allowances of its {@link BudgetContext} while it runs: its worst-case
 * tokens and dollars. Settle it with what the call really used, or close it to give everything
 * back; closing after a settle does nothing, so a try-with-resources block releases the hold on
 * every path that did not settle.
 *
 * <pre>{@code
 * try (BudgetHold hold = context.reserve(estimatedTokens, worstCaseCost)) {
 *   Reply reply = callTheModel();
 *   hold.settle(reply.tokens(), reply.cost());
 * }
 * }</pre>
 *
 * <p>Thread-safe; settle or close it once.
 */
public interface BudgetHold extends AutoCloseable {
  /**
   * Ends the hold and charges {@code tokens} and {@code usd} to every allowance it was taken on.
   *
   * @throws NullPointerException if {@code usd} is null
   * @throws IllegalArgumentException if {@code tokens} is negative
   * @throws IllegalStateException if the hold was already settled or closed
   */
  void settle(long tokens, Money usd);

  /** Gives back what is still held, charging nothing; does nothing once settled or closed. */
  @Override
  void close();
}
