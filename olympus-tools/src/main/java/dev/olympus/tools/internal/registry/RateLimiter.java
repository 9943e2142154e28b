package dev.olympus.tools.internal.registry;

import dev.olympus.tools.RateLimit;
import dev.olympus.tools.ToolRateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** A sliding-window log of admitted calls for one tool. Thread-safe. */
final class RateLimiter {
  private final String toolId;
  private final RateLimit limit;
  private final Clock clock;
  private final ArrayDeque<Instant> admitted = new ArrayDeque<>();

  RateLimiter(String toolId, RateLimit limit, Clock clock) {
    this.toolId = toolId;
    this.limit = limit;
    this.clock = clock;
  }

  /** Admits one call or throws, naming when the next call would be admitted. */
  synchronized void acquire() {
    Instant now = clock.instant();
    Instant windowStart = now.minus(limit.per());
    while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(windowStart)) {
      admitted.removeFirst();
    }
    if (admitted.size() >= limit.calls()) {
      Duration wait = Duration.between(windowStart, admitted.peekFirst());
      throw new ToolRateLimitedException(toolId, limit, wait);
    }
    admitted.addLast(now);
  }
}
