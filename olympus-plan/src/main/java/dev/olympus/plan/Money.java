package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import java.math.BigDecimal;

/**
 * An amount of US dollars, never negative, held as a {@link BigDecimal} so that per-token prices
 * add up exactly.
 *
 * <pre>{@code
 * Money budget = Money.usd("1.00");
 * Money left = budget.minus(Money.usd("0.25"));
 * }</pre>
 *
 * <p>Two amounts are equal when they are numerically equal ({@code 1.0} equals {@code 1.00}). An
 * amount is bounded (at most {@value #MAX_UNSCALED_BITS} bits of digits, a scale within
 * &plusmn;{@value #MAX_SCALE}), so printing or comparing one never expands a number such as {@code
 * 1e999999999} into a billion digits.
 *
 * <p>Immutable and thread-safe.
 *
 * @param amount the amount in US dollars, at least zero
 */
public record Money(BigDecimal amount) implements Comparable<Money> {
  /** No money at all. */
  public static final Money ZERO = new Money(BigDecimal.ZERO);

  /** The most bits the unscaled value of an amount may have (about 150 decimal digits). */
  public static final int MAX_UNSCALED_BITS = 512;

  /** The largest scale an amount may have, either way (digits after or zeros before the point). */
  public static final int MAX_SCALE = 100;

  /**
   * Checks the amount and normalizes its scale.
   *
   * @throws NullPointerException if {@code amount} is null
   * @throws IllegalArgumentException if {@code amount} is negative or out of the bounds above
   */
  public Money {
    Checks.notNull(amount, "amount");
    Checks.argument(
        amount.unscaledValue().bitLength() <= MAX_UNSCALED_BITS
            && Math.abs(amount.scale()) <= MAX_SCALE,
        "amount must have at most "
            + MAX_UNSCALED_BITS
            + " bits of digits and a scale within "
            + MAX_SCALE
            + " but has "
            + amount.unscaledValue().bitLength()
            + " and "
            + amount.scale());
    Checks.argument(amount.signum() >= 0, "amount must be >= 0 but was " + amount);
    amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
  }

  /**
   * Parses a dollar amount such as {@code "0.05"}.
   *
   * @throws NullPointerException if {@code usd} is null
   * @throws NumberFormatException if {@code usd} is not a decimal number
   * @throws IllegalArgumentException if {@code usd} is negative or out of bounds
   */
  public static Money usd(String usd) {
    return new Money(new BigDecimal(Checks.notNull(usd, "usd")));
  }

  /**
   * Wraps a dollar amount.
   *
   * @throws NullPointerException if {@code usd} is null
   * @throws IllegalArgumentException if {@code usd} is negative or out of bounds
   */
  public static Money usd(BigDecimal usd) {
    return new Money(usd);
  }

  /**
   * The sum of this amount and {@code other}.
   *
   * @throws NullPointerException if {@code other} is null
   */
  public Money plus(Money other) {
    return new Money(amount.add(Checks.notNull(other, "other").amount));
  }

  /**
   * This amount less {@code other}, or zero if {@code other} is larger.
   *
   * @throws NullPointerException if {@code other} is null
   */
  public Money minus(Money other) {
    BigDecimal difference = amount.subtract(Checks.notNull(other, "other").amount);
    return difference.signum() <= 0 ? ZERO : new Money(difference);
  }

  /** Whether this amount is zero. */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * Whether this amount is greater than {@code other}.
   *
   * @throws NullPointerException if {@code other} is null
   */
  public boolean exceeds(Money other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(Checks.notNull(other, "other").amount);
  }

  /** The amount as {@code $0.0123}, with at least two decimals. */
  @Override
  public String toString() {
    return "$" + amount.setScale(Math.max(2, amount.scale())).toPlainString();
  }
}
