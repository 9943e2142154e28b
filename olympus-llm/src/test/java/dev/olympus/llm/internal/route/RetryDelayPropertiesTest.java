package dev.olympus.llm.internal.route;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.olympus.llm.RateLimitedException;
import dev.olympus.llm.TransientException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry-After is a floor that jitter only adds to; backoff stays within 25% of its step. */
class RetryDelayPropertiesTest {
  static final Resilience R = Resilience.DEFAULTS;

  @Test
  void retryAfterIsAFloorAndJitterAddsAtMostAQuarter() {
    qt().forAll(
            integers().between(1, 100),
            longs().between(0, 3_600_000),
            doubles().between(0, 0.999_999))
        .checkAssert(
            (retry, millis, random) -> {
              Duration asked = Duration.ofMillis(millis);
              RateLimitedException limited =
                  new RateLimitedException("p", "slow down", Optional.of(asked));
              Duration wait = RetryDelay.of(retry, limited, R, random);
              org.junit.jupiter.api.Assertions.assertTrue(
                  wait.compareTo(asked) >= 0, wait + " < " + asked);
              org.junit.jupiter.api.Assertions.assertTrue(
                  wait.toNanos() <= asked.toNanos() * 1.25 + 1, wait + " > 1.25 x " + asked);
            });
  }

  @Test
  void backoffDoublesUpToTheMaximumWithinAQuarterEitherWay() {
    TransientException dropped = new TransientException("p", "dropped", null);
    qt().forAll(integers().between(1, 200), doubles().between(0, 0.999_999))
        .checkAssert(
            (retry, random) -> {
              double step =
                  Math.min(
                      R.maxDelay().toNanos(),
                      R.baseDelay().toNanos() * Math.pow(2, Math.min(retry - 1, 40)));
              long wait = RetryDelay.of(retry, dropped, R, random).toNanos();
              org.junit.jupiter.api.Assertions.assertTrue(
                  wait >= step * 0.75 - 1 && wait <= step * 1.25 + 1, retry + ": " + wait);
            });
  }
}
