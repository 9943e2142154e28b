package dev.olympus.executor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.olympus.plan.Guard;
import dev.olympus.tools.ToolExecutionException;
import dev.olympus.tools.ToolRateLimitedException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How long a step waits before it tries its tool again. */
class RetryDelayTest {
  private static final ToolExecutionException TRANSIENT =
      new ToolExecutionException("web.fetch", "connection reset", true, null);

  @Test
  void aRateLimitedToolIsNeverTriedBeforeTheTimeItAskedForNorMuchLater() {
    qt().forAll(
            longs().between(1, Duration.ofDays(1).toMillis()),
            doubles().between(0, 1),
            doubles().between(0, 0.999_999))
        .checkAssert(
            (retryAfterMillis, jitter, random) -> {
              Duration retryAfter = Duration.ofMillis(retryAfterMillis);
              Duration waited = Failures.retryDelay(1, limited(retryAfter), guard(jitter), random);
              assertTrue(waited.compareTo(retryAfter) >= 0, waited + " < " + retryAfter);
              Duration latest = Duration.ofNanos((long) (retryAfter.toNanos() * (1 + jitter)));
              assertTrue(waited.compareTo(latest) <= 0, waited + " > " + latest);
            });
  }

  @Test
  void aTransientErrorWaitsTheDoublingBackoffWithinTheJitterEitherWay() {
    qt().forAll(
            longs().between(1, 10_000),
            integers().between(1, Guard.MAX_RETRIES),
            doubles().between(0, 1),
            doubles().between(0, 0.999_999))
        .checkAssert(
            (backoffMillis, retry, jitter, random) -> {
              Guard guard =
                  guard(jitter).toBuilder().backoff(Duration.ofMillis(backoffMillis)).build();
              long expected = backoffMillis * 1_000_000L << Math.min(retry - 1, 6);
              long waited = Failures.retryDelay(retry, TRANSIENT, guard, random).toNanos();
              assertTrue(waited >= expected * (1 - jitter) - 1, waited + " vs " + expected);
              assertTrue(waited <= expected * (1 + jitter) + 1, waited + " vs " + expected);
            });
  }

  @Test
  void withoutJitterTheBackoffDoublesUpToSixtyFourTimesTheFirst() {
    Guard guard = guard(0).toBuilder().backoff(Duration.ofMillis(100)).build();

    List<Long> waits =
        IntStream.rangeClosed(1, 9)
            .mapToObj(retry -> Failures.retryDelay(retry, TRANSIENT, guard, 0.5).toMillis())
            .toList();

    assertEquals(List.of(100L, 200L, 400L, 800L, 1_600L, 3_200L, 6_400L, 6_400L, 6_400L), waits);
  }

  @Test
  void anAbsurdlyLongWaitAskedForDoesNotOverflow() {
    Duration centuries = ChronoUnit.CENTURIES.getDuration().multipliedBy(5);

    Duration waited = Failures.retryDelay(1, limited(centuries), guard(1), 0.999);
    Duration backedOff =
        Failures.retryDelay(7, TRANSIENT, guard(1).toBuilder().backoff(centuries).build(), 0.999);

    assertTrue(waited.compareTo(Duration.ofDays(365L * 50)) > 0, waited::toString);
    assertTrue(backedOff.compareTo(Duration.ofDays(365L * 50)) > 0, backedOff::toString);
  }

  private static Guard guard(double jitter) {
    return Guard.builder().retries(3).jitter(jitter).build();
  }

  private static ToolRateLimitedException limited(Duration retryAfter) {
    return new ToolRateLimitedException("web.fetch", "slow down", retryAfter);
  }
}
