package dev.olympus.llm.internal.route;

import dev.olympus.llm.RateLimitedException;
import java.time.Duration;

/**
 * How long the router waits before retrying a provider: the provider's {@code Retry-After} plus up
 * to a quarter more, never less (the server said "not before"); otherwise exponential backoff from
 * the base delay, doubling up to the maximum, within 25% either way. Stateless.
 */
final class RetryDelay {
  static final double JITTER = 0.25;

  private RetryDelay() {}

  /**
   * The wait before retry number {@code retry} (1 for the first) after {@code error}.
   *
   * @param random a number in [0, 1) that picks the jitter
   */
  static Duration of(int retry, Throwable error, Resilience resilience, double random) {
    if (error instanceof RateLimitedException limited && limited.retryAfter().isPresent()) {
      Duration floor = limited.retryAfter().get();
      return floor.plusNanos((long) (floor.toNanos() * JITTER * random));
    }
    long base = resilience.baseDelay().toNanos();
    long max = resilience.maxDelay().toNanos();
    long backoff = retry >= 62 ? max : Math.min(max, base << Math.min(retry - 1, 62 - 1));
    if (backoff <= 0) {
      backoff = max; // the shift overflowed
    }
    double spread = 1 + JITTER * (2 * random - 1);
    return Duration.ofNanos((long) (backoff * spread));
  }
}
