package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A spending limit in tokens and/or US dollars. Either limit may be absent (unlimited). A dollar
 * limit is {@link Money}, never a {@code double}, and bounded: at most {@value
 * #MAX_USD_INTEGER_DIGITS} digits before the decimal point and {@value #MAX_USD_FRACTION_DIGITS}
 * after it (trailing zeros aside), so a limit such as {@code 1e999999999} is refused instead of
 * being expanded into a billion digits.
 *
 * <pre>{@code
 * Budget b = Budget.ofTokens(20_000).andUsd("0.05");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxTokens the token limit, if any; always greater than zero
 * @param maxUsd the dollar limit, if any; always greater than zero
 */
public record Budget(OptionalLong maxTokens, Optional<Money> maxUsd) {
  /** The most digits a dollar limit may have before the decimal point. */
  public static final int MAX_USD_INTEGER_DIGITS = 15;

  /** The most digits a dollar limit may have after the decimal point, trailing zeros aside. */
  public static final int MAX_USD_FRACTION_DIGITS = 18;

  /** The longest decimal string a dollar limit may be parsed from. */
  public static final int MAX_USD_TEXT_LENGTH = 64;

  // Enough for MAX_USD_INTEGER_DIGITS + MAX_USD_FRACTION_DIGITS digits with trailing zeros.
  private static final int MAX_USD_UNSCALED_BITS = 256;

  private static final Budget UNLIMITED = new Budget(OptionalLong.empty(), Optional.empty());

  /**
   * Checks the limits.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a limit is zero or negative, or the dollar limit has more
   *     digits than {@link #MAX_USD_INTEGER_DIGITS} or {@link #MAX_USD_FRACTION_DIGITS} allow
   */
  public Budget {
    Checks.notNull(maxTokens, "maxTokens");
    Checks.notNull(maxUsd, "maxUsd");
    maxTokens.ifPresent(t -> Checks.positive(t, "maxTokens"));
    maxUsd.ifPresent(usd -> checkUsd(usd.amount()));
  }

  // Checked before anything prints the amount: toPlainString() of 1e999999999 needs gigabytes.
  private static void checkUsd(BigDecimal usd) {
    int bits = usd.unscaledValue().bitLength();
    boolean huge = bits > MAX_USD_UNSCALED_BITS;
    String shown = huge ? "a number of about " + (bits * 3 / 10) + " digits" : usd.toString();
    Checks.argument(usd.signum() > 0, "maxUsd must be > 0 but was " + shown);
    Checks.argument(
        !huge && fitsDigits(usd.stripTrailingZeros()),
        "maxUsd must have at most "
            + MAX_USD_INTEGER_DIGITS
            + " digits before the decimal point and "
            + MAX_USD_FRACTION_DIGITS
            + " after it but was "
            + shown);
  }

  private static boolean fitsDigits(BigDecimal stripped) {
    long integerDigits = (long) stripped.precision() - stripped.scale();
    return integerDigits <= MAX_USD_INTEGER_DIGITS && stripped.scale() <= MAX_USD_FRACTION_DIGITS;
  }

  private static BigDecimal parseUsd(String usd) {
    Checks.notNull(usd, "usd");
    if (usd.length() > MAX_USD_TEXT_LENGTH) {
      throw new NumberFormatException(
          "usd must be a decimal number of at most "
              + MAX_USD_TEXT_LENGTH
              + " characters but has "
              + usd.length());
    }
    return new BigDecimal(usd);
  }

  /** A budget with no limit at all. */
  public static Budget unlimited() {
    return UNLIMITED;
  }

  /**
   * A budget of {@code tokens} tokens and no dollar limit.
   *
   * @throws IllegalArgumentException if {@code tokens} is not positive
   */
  public static Budget ofTokens(long tokens) {
    return new Budget(OptionalLong.of(tokens), Optional.empty());
  }

  /**
   * A budget of {@code usd} dollars (a decimal string such as {@code "0.05"}) and no token limit.
   *
   * @throws NumberFormatException if {@code usd} is not a decimal number of at most {@link
   *     #MAX_USD_TEXT_LENGTH} characters
   * @throws IllegalArgumentException if {@code usd} is not positive or has too many digits
   */
  public static Budget ofUsd(String usd) {
    return unlimited().andUsd(usd);
  }

  /**
   * A budget of {@code usd} dollars and no token limit.
   *
   * @throws NullPointerException if {@code usd} is null
   * @throws IllegalArgumentException if {@code usd} is zero or has too many digits
   */
  public static Budget ofUsd(Money usd) {
    return unlimited().andUsd(usd);
  }

  /**
   * This budget with its token limit set to {@code tokens}.
   *
   * @throws IllegalArgumentException if {@code tokens} is not positive
   */
  public Budget andTokens(long tokens) {
    return new Budget(OptionalLong.of(tokens), maxUsd);
  }

  /**
   * This budget with its dollar limit set to {@code usd} (a decimal string).
   *
   * @throws NumberFormatException if {@code usd} is not a decimal number of at most {@link
   *     #MAX_USD_TEXT_LENGTH} characters
   * @throws IllegalArgumentException if {@code usd} is not positive or has too many digits
   */
  public Budget andUsd(String usd) {
    BigDecimal parsed = parseUsd(usd);
    checkUsd(parsed); // before Money sees it, so a negative limit is refused as maxUsd too
    return andUsd(Money.usd(parsed));
  }

  /**
   * This budget with its dollar limit set to {@code usd}.
   *
   * @throws NullPointerException if {@code usd} is null
   * @throws IllegalArgumentException if {@code usd} is zero or has too many digits
   */
  public Budget andUsd(Money usd) {
    return new Budget(maxTokens, Optional.of(Checks.notNull(usd, "usd")));
  }

  /** Returns true if neither limit is set. */
  public boolean isUnlimited() {
    return maxTokens.isEmpty() && maxUsd.isEmpty();
  }

  /**
   * Returns true if spending {@code tokens} and {@code usd} in total stays within both limits.
   *
   * @throws NullPointerException if {@code usd} is null
   */
  public boolean allows(long tokens, Money usd) {
    Checks.notNull(usd, "usd");
    boolean tokensFit = maxTokens.isEmpty() || tokens <= maxTokens.getAsLong();
    boolean usdFits = maxUsd.isEmpty() || !usd.exceeds(maxUsd.get());
    return tokensFit && usdFits;
  }

  /**
   * Returns true if every limit that {@code inner} sets is no larger than this budget's limit in
   * the same dimension. A dimension {@code inner} leaves unset inherits this budget's limit, so it
   * always fits.
   *
   * @throws NullPointerException if {@code inner} is null
   */
  public boolean covers(Budget inner) {
    Checks.notNull(inner, "inner");
    boolean tokens =
        inner.maxTokens.isEmpty()
            || maxTokens.isEmpty()
            || inner.maxTokens.getAsLong() <= maxTokens.getAsLong();
    boolean usd =
        inner.maxUsd.isEmpty() || maxUsd.isEmpty() || !inner.maxUsd.get().exceeds(maxUsd.get());
    return tokens && usd;
  }
}
