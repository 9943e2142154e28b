package dev.olympus.llm.internal;

import dev.olympus.plan.internal.Checks;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A ceiling with reserve-then-settle accounting: a call first reserves its estimate, then settles
 * with what it really used (or releases the reservation if it did not run). Reservations and
 * spending together never pass the ceiling, so concurrent callers cannot overspend; only a settle
 * larger than its reservation (an estimate that was too low) can, and that is charged honestly.
 *
 * <p>Thread-safe: every method locks this object.
 */
public final class Reserver {
  private final BigDecimal limit;
  private BigDecimal spent;
  private BigDecimal reserved = BigDecimal.ZERO;

  /**
   * A reserver with {@code limit} (null for none) that has already spent {@code spent}.
   *
   * @throws NullPointerException if {@code spent} is null
   * @throws IllegalArgumentException if an amount is negative
   */
  public Reserver(BigDecimal limit, BigDecimal spent) {
    Checks.argument(limit == null || limit.signum() >= 0, "limit must be >= 0");
    Checks.argument(Checks.notNull(spent, "spent").signum() >= 0, "spent must be >= 0");
    this.limit = limit;
    this.spent = spent;
  }

  /**
   * Reserves {@code amount} if it fits under the ceiling.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public synchronized Optional<Hold> tryReserve(BigDecimal amount) {
    Checks.argument(amount.signum() >= 0, "amount must be >= 0");
    if (limit != null && spent.add(reserved).add(amount).compareTo(limit) > 0) {
      return Optional.empty();
    }
    reserved = reserved.add(amount);
    return Optional.of(new Hold(amount));
  }

  /** The ceiling, or null when there is none. */
  public BigDecimal limit() {
    return limit;
  }

  /** What settled calls spent. */
  public synchronized BigDecimal spent() {
    return spent;
  }

  /** What open reservations hold. */
  public synchronized BigDecimal reserved() {
    return reserved;
  }

  /** What is left for new reservations (zero when overspent), or null when unlimited. */
  public synchronized BigDecimal remaining() {
    if (limit == null) {
      return null;
    }
    BigDecimal left = limit.subtract(spent).subtract(reserved);
    return left.signum() < 0 ? BigDecimal.ZERO : left;
  }

  private synchronized void close(Hold hold, BigDecimal actual) {
    Checks.state(!hold.closed, "reservation was already settled or released");
    hold.closed = true;
    reserved = reserved.subtract(hold.amount);
    spent = spent.add(actual);
  }

  /** One open reservation; settle or release it exactly once. */
  public final class Hold {
    private final BigDecimal amount;
    private boolean closed;

    private Hold(BigDecimal amount) {
      this.amount = amount;
    }

    /** The reserved amount. */
    public BigDecimal amount() {
      return amount;
    }

    /**
     * Ends the reservation and charges {@code actual}.
     *
     * @throws IllegalArgumentException if {@code actual} is negative
     * @throws IllegalStateException if the reservation is already closed
     */
    public void settle(BigDecimal actual) {
      Checks.argument(actual.signum() >= 0, "actual must be >= 0");
      close(this, actual);
    }

    /**
     * Ends the reservation without charging anything.
     *
     * @throws IllegalStateException if the reservation is already closed
     */
    public void release() {
      close(this, BigDecimal.ZERO);
    }
  }
}
