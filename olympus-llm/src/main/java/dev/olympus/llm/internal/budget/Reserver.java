package dev.olympus.llm.internal.budget;

import dev.olympus.llm.internal.Checks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A ceiling with reserve-then-settle accounting: a call first reserves its estimate, then settles
 * with what it really used (or releases the reservation if it did not run). Reservations and
 * spending together never pass the ceiling, so concurrent callers cannot overspend; only a settle
 * larger than its reservation (an estimate that was too low) can, and that is charged honestly.
 *
 * <p>Thread-safe: every method locks this object; {@link #reserveAll} locks every reserver it
 * touches, so that several ceilings (a plan's and a step's, tokens and dollars) are reserved
 * together or not at all, and nobody sees a part of it.
 */
public final class Reserver {
  /** Taken before two reservers whose identity hashes collide, so their order cannot deadlock. */
  private static final Object TIE = new Object();

  private static final Comparator<Reserver> LOCK_ORDER =
      Comparator.comparingInt(System::identityHashCode);

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

  /**
   * Reserves {@code amounts.get(i)} on {@code reservers.get(i)} for every {@code i}, or nothing:
   * while every reserver is locked, so no other caller sees a partial reservation. A reserver may
   * appear more than once; its amounts then add up.
   *
   * @return the holds, in the order of {@code reservers}
   * @throws RuntimeException {@code refusal} applied to the index of the first reserver without
   *     room (called while the reservers are locked, so what it reads is consistent)
   * @throws IllegalArgumentException if the lists differ in size or an amount is negative
   */
  public static List<Hold> reserveAll(
      List<Reserver> reservers,
      List<BigDecimal> amounts,
      IntFunction<? extends RuntimeException> refusal) {
    Checks.argument(reservers.size() == amounts.size(), "one amount per reserver");
    List<Reserver> order = new ArrayList<>(reservers);
    order.sort(LOCK_ORDER);
    Supplier<List<Hold>> reserve = () -> locked(order, 0, reservers, amounts, refusal);
    if (hasTie(order)) {
      synchronized (TIE) {
        return reserve.get();
      }
    }
    return reserve.get();
  }

  // Distinct reservers with equal identity hashes have no fixed order: such callers take TIE first.
  private static boolean hasTie(List<Reserver> order) {
    for (int i = 1; i < order.size(); i++) {
      Reserver a = order.get(i - 1);
      Reserver b = order.get(i);
      if (a != b && LOCK_ORDER.compare(a, b) == 0) {
        return true;
      }
    }
    return false;
  }

  private static List<Hold> locked(
      List<Reserver> order,
      int from,
      List<Reserver> reservers,
      List<BigDecimal> amounts,
      IntFunction<? extends RuntimeException> refusal) {
    if (from == order.size()) {
      return reserveLocked(reservers, amounts, refusal);
    }
    synchronized (order.get(from)) {
      return locked(order, from + 1, reservers, amounts, refusal);
    }
  }

  // Runs with every reserver locked (monitors are reentrant, so a repeated reserver is fine).
  private static List<Hold> reserveLocked(
      List<Reserver> reservers,
      List<BigDecimal> amounts,
      IntFunction<? extends RuntimeException> refusal) {
    List<Hold> holds = new ArrayList<>(reservers.size());
    for (int i = 0; i < reservers.size(); i++) {
      Optional<Hold> hold = reservers.get(i).tryReserve(amounts.get(i));
      if (hold.isEmpty()) {
        holds.forEach(Hold::release);
        throw refusal.apply(i);
      }
      holds.add(hold.get());
    }
    return holds;
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
