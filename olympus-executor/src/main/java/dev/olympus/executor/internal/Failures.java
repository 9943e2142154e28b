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
  // A negative delay tells Failsafe to use the backoff instead.
  private static final Duration NO_OVERRIDE = Duration.ofNanos(-1);

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
   * The retry policy of a step: exponential backoff with jitter from {@code guard}, for the errors
   * {@link StepFailures#mayRetry(Throwable, SideEffect)} allows.
   */
  public static <T> RetryPolicy<T> retryPolicy(Guard guard, SideEffect effect) {
    Duration base = guard.backoff();
    Duration max = base.multipliedBy(64);
    var builder =
        RetryPolicy.<T>builder()
            .handleIf(error -> StepFailures.mayRetry(error, effect))
            .withMaxRetries(guard.retries())
            .withBackoff(base, max)
            .withDelayFn(context -> retryAfter(context.getLastException()).orElse(NO_OVERRIDE));
    if (guard.jitter() > 0) {
      builder.withJitter(guard.jitter());
    }
    return builder.build();
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

  // A rate-limited tool says when it will accept the next call.
  private static Optional<Duration> retryAfter(Throwable error) {
    return error instanceof ToolRateLimitedException limited
        ? Optional.of(limited.retryAfter())
        : Optional.empty();
  }
}
