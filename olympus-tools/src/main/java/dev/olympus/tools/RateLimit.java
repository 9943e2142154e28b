package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notNull;
import static dev.olympus.tools.internal.Checks.positive;

import java.time.Duration;

/**
 * At most {@code calls} calls per sliding window of length {@code per}.
 *
 * @param calls the number of calls admitted per window, at least one
 * @param per the window length, positive
 */
public record RateLimit(int calls, Duration per) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if {@code per} is null
   * @throws IllegalArgumentException if {@code calls} or {@code per} is not positive
   */
  public RateLimit {
    positive(calls, "calls");
    notNull(per, "per");
    positive(per.toNanos(), "per");
  }

  /**
   * Returns a limit of {@code calls} per {@code per}.
   *
   * @throws NullPointerException if {@code per} is null
   * @throws IllegalArgumentException if {@code calls} or {@code per} is not positive
   */
  public static RateLimit of(int calls, Duration per) {
    return new RateLimit(calls, per);
  }

  @Override
  public String toString() {
    return calls + " calls per " + per;
  }
}
