package dev.olympus.llm.internal.route;

import dev.olympus.llm.internal.Checks;
import java.time.Duration;

/**
 * Retry and circuit-breaker settings, the same for every provider.
 *
 * @param maxRetries retries after the first attempt, for rate-limited and transient failures
 * @param baseDelay the first backoff delay; it doubles up to {@code maxDelay}, with jitter
 * @param maxDelay the longest backoff delay
 * @param maxRetryAfter the longest {@code Retry-After} worth waiting for in the call; a longer one
 *     moves on to the next provider at once
 * @param breakerFailures consecutive failures that open a provider's circuit
 * @param breakerDelay how long a circuit stays open before a trial call
 */
public record Resilience(
    int maxRetries,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxRetryAfter,
    int breakerFailures,
    Duration breakerDelay) {

  /** Retry twice from 200 ms up to 5 s; wait up to 10 s for Retry-After; open after 5 failures. */
  public static final Resilience DEFAULTS =
      new Resilience(
          2,
          Duration.ofMillis(200),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          5,
          Duration.ofSeconds(30));

  /**
   * Checks the settings.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public Resilience {
    Checks.notNegative(maxRetries, "maxRetries");
    Checks.notNull(baseDelay, "baseDelay");
    Checks.notNull(maxDelay, "maxDelay");
    Checks.notNull(maxRetryAfter, "maxRetryAfter");
    Checks.argument(
        !baseDelay.isNegative() && !baseDelay.isZero(), "baseDelay must be > 0: " + baseDelay);
    Checks.argument(
        maxDelay.compareTo(baseDelay) > 0, "maxDelay must be > baseDelay but was " + maxDelay);
    Checks.argument(!maxRetryAfter.isNegative(), "maxRetryAfter must be >= 0: " + maxRetryAfter);
    Checks.positive(breakerFailures, "breakerFailures");
    Checks.notNull(breakerDelay, "breakerDelay");
    Checks.argument(
        !breakerDelay.isNegative() && !breakerDelay.isZero(),
        "breakerDelay must be > 0: " + breakerDelay);
  }
}
