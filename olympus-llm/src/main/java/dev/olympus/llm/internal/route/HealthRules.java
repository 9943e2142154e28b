package dev.olympus.llm.internal.route;

import dev.olympus.llm.internal.Checks;
import java.time.Duration;

/**
 * When a provider counts as unhealthy: over its calls in the last {@code window} (at least {@code
 * minCalls} of them), more than {@code maxErrorRate} failed, or the 95th percentile latency was
 * above {@code maxP95}.
 *
 * @param window how far back calls count
 * @param maxErrorRate the highest healthy share of failed calls, from 0 to 1
 * @param maxP95 the highest healthy 95th percentile latency
 * @param minCalls how many calls in the window it takes to judge
 */
public record HealthRules(Duration window, double maxErrorRate, Duration maxP95, int minCalls) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is not positive, the rate is not within 0 to 1,
   *     or {@code minCalls} is not positive
   */
  public HealthRules {
    Checks.argument(
        !Checks.notNull(window, "window").isNegative() && !window.isZero(),
        "window must be > 0 but was " + window);
    Checks.argument(
        maxErrorRate >= 0 && maxErrorRate <= 1,
        "maxErrorRate must be within 0 and 1 but was " + maxErrorRate);
    Checks.argument(
        !Checks.notNull(maxP95, "maxP95").isNegative() && !maxP95.isZero(),
        "maxP95 must be > 0 but was " + maxP95);
    Checks.positive(minCalls, "minCalls");
  }
}
