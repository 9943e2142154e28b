package dev.olympus.plan;

import dev.olympus.plan.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * How a step is protected: retries with exponential backoff and jitter, a deadline per attempt, a
 * step budget, whether consent must always be asked, and whether the plan may continue when the
 * step fails.
 *
 * <pre>{@code
 * .step("fetch", s -> s.uses("net.http.get").with("url", u)
 *     .guard(g -> g.retries(3).backoff(Duration.ofMillis(500)).deadline(Duration.ofSeconds(10))))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param retries extra attempts after the first, for retryable errors only; {@code >= 0}
 * @param backoff the delay before the first retry, doubled for each further retry; positive
 * @param jitter the random fraction (0 to 1) added to or taken from each delay
 * @param deadline the time limit of one attempt, if any; positive
 * @param budget the step's own token and dollar limit (unlimited by default)
 * @param consentRequired true to ask the host every time, even when a standing grant covers it
 * @param optional true if the plan continues (and dependents still run) when this step fails
 */
public record Guard(
    int retries,
    Duration backoff,
    double jitter,
    Optional<Duration> deadline,
    Budget budget,
    boolean consentRequired,
    boolean optional) {

  /** Defaults: no retry, 200 ms backoff, 20% jitter, no deadline, no budget, not optional. */
  public static final Guard DEFAULT =
      new Guard(0, Duration.ofMillis(200), 0.2, Optional.empty(), Budget.unlimited(), false, false);

  /** The most retries a guard allows. */
  public static final int MAX_RETRIES = 100;

  /**
   * Checks every field.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public Guard {
    Checks.argument(
        retries >= 0 && retries <= MAX_RETRIES,
        "retries must be between 0 and " + MAX_RETRIES + " but was " + retries);
    Checks.notNull(backoff, "backoff");
    Checks.argument(
        !backoff.isNegative() && !backoff.isZero(), "backoff must be positive but was " + backoff);
    Checks.argument(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1 but was " + jitter);
    Checks.notNull(deadline, "deadline");
    deadline.ifPresent(
        d ->
            Checks.argument(
                !d.isNegative() && !d.isZero(), "deadline must be positive but was " + d));
    Checks.notNull(budget, "budget");
  }

  /** Returns the delay before retry number {@code retry} (1-based), before jitter. */
  public Duration backoffBefore(int retry) {
    Checks.argument(retry >= 1, "retry must be >= 1 but was " + retry);
    int doublings = Math.min(retry - 1, 30);
    return backoff.multipliedBy(1L << doublings);
  }
}
