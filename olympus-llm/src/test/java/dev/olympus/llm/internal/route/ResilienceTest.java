package dev.olympus.llm.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The settings record checks itself, not only the router's builder: a negative Retry-After limit
 * (which the builder refuses first) is refused here too, and zero means "never wait".
 */
class ResilienceTest {
  private static final Resilience D = Resilience.DEFAULTS;

  private static Resilience withMaxRetryAfter(Duration wait) {
    return new Resilience(
        D.maxRetries(), D.baseDelay(), D.maxDelay(), wait, D.breakerFailures(), D.breakerDelay());
  }

  @Test
  void aNegativeRetryAfterLimitIsRefusedAndZeroIsNot() {
    assertThrows(IllegalArgumentException.class, () -> withMaxRetryAfter(Duration.ofNanos(-1)));
    assertThrows(NullPointerException.class, () -> withMaxRetryAfter(null));
    assertEquals(Duration.ZERO, withMaxRetryAfter(Duration.ZERO).maxRetryAfter());
  }
}
