package dev.olympus.executor.internal;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.RetryPolicy;
import dev.olympus.executor.StepFailures;
import dev.olympus.llm.BreakerState;
import dev.olympus.llm.LlmException;
import dev.olympus.plan.Guard;
import dev.olympus.tools.SideEffect;
import dev.olympus.tools.ToolException;
import dev.olympus.tools.ToolRateLimitedException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classifies step errors and builds the Failsafe policies of a step. Only rate-limited and
 * transient errors are retried; validation, consent, budget and hard errors never are.
 */
public final class Failures {
  // The retry whose backoff, 64 times the first, is the longest.
  private static final int LONGEST_BACKOFF_RETRY = 7;

  private Failures() {}

  /** True if {@code error} (or the model error it wraps) is worth another attempt. */
  public static boolean retryable(Throwable error) {
    Optional<LlmException> llm = llmCause(error);
    if (llm.isPresent()) {
      return llm.get().retryable();
    }
    return error instanceof ToolException tool && tool.retryable();
  }

  /** The model error behind {@code error}, if any. */
  public static Optional<LlmException> llmCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof LlmException llm) {
        return Optional.of(llm);
      }
    }
    return Optional.empty();
  }

  /** A one-line description of {@code error} for the step's status. */
  public static String describe(Throwable error) {
    Optional<LlmException> llm = llmCause(error);
    Throwable shown = llm.isPresent() ? llm.get() : error;
    String message = shown.getMessage() == null ? "" : ": " + shown.getMessage();
    return shown.getClass().getSimpleName() + message;
  }

  /**
   * The retry policy of a step: the guard's retries, for the errors {@link
   * StepFailures#mayRetry(Throwable, SideEffect)} allows, with no wait of its own: the attempt
   * waits {@link #retryDelay} itself, so that cancelling the step ends the wait (Failsafe's sleep
   * would hold the step until it ran out).
   */
  public static <T> RetryPolicy<T> retryPolicy(Guard guard, SideEffect effect) {
    return RetryPolicy.<T>builder()
        .handleIf(error -> StepFailures.mayRetry(error, effect))
        .withMaxRetries(guard.retries())
        .build();
  }

  /**
   * The wait before retry number {@code retry} (1 for the first) after {@code error}: a
   * rate-limited tool's {@code retryAfter} plus up to the guard's jitter more, never less (the tool
   * said "not before"); otherwise the guard's backoff, doubling up to 64 times the first, within
   * the jitter either way.
   *
   * @param random a number in [0, 1) that picks the jitter
   */
  public static Duration retryDelay(int retry, Throwable error, Guard guard, double random) {
    if (error instanceof ToolRateLimitedException limited) {
      long floor = Durations.capped(limited.retryAfter()).toNanos();
      return Duration.ofNanos(floor + (long) (floor * guard.jitter() * random));
    }
    long backoff =
        Durations.capped(guard.backoffBefore(Math.min(retry, LONGEST_BACKOFF_RETRY))).toNanos();
    double spread = 1 + guard.jitter() * (2 * random - 1);
    return Duration.ofNanos((long) (backoff * spread));
  }

  /**
   * A circuit breaker for one tool: opens after 5 consecutive retryable failures, for 30 s; tells
   * {@code changed} each state it enters.
   */
  public static <T> CircuitBreaker<T> breaker(Consumer<BreakerState> changed) {
    return CircuitBreaker.<T>builder()
        .handleIf((Throwable error) -> retryable(error))
        .withFailureThreshold(5)
        .withDelay(Duration.ofSeconds(30))
        .onOpen(e -> changed.accept(BreakerState.OPEN))
        .onHalfOpen(e -> changed.accept(BreakerState.HALF_OPEN))
        .onClose(e -> changed.accept(BreakerState.CLOSED))
        .build();
  }
}
