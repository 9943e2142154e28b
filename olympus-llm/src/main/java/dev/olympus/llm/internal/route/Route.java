package dev.olympus.llm.internal.route;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import dev.olympus.llm.BreakerState;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.RateLimitedException;
import dev.olympus.llm.RouterListener;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.spi.LlmProvider;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider in the routing order, with its price and its own retry policy and circuit breaker
 * (retries outside, so every attempt counts toward the breaker). Thread-safe.
 */
final class Route {
  private static final Logger LOG = LoggerFactory.getLogger(Route.class);

  private final LlmProvider provider;
  private final Pricing pricing;
  private final boolean local;
  private final CircuitBreaker<Object> breaker;
  private final FailsafeExecutor<Object> failsafe;
  private final RouteHealth health = new RouteHealth();

  Route(
      LlmProvider provider,
      Pricing pricing,
      boolean local,
      Resilience resilience,
      RouterListener listener) {
    this.provider = provider;
    this.pricing = pricing;
    this.local = local;
    this.breaker = breaker(provider.name(), resilience, listener);
    this.failsafe = Failsafe.with(retry(resilience), breaker);
  }

  LlmProvider provider() {
    return provider;
  }

  String name() {
    return provider.name();
  }

  Pricing pricing() {
    return pricing;
  }

  boolean isLocal() {
    return local;
  }

  /** Runs {@code action} with retries and the circuit breaker. */
  <T> T call(CheckedSupplier<T> action) {
    return failsafe.get(action);
  }

  /** Its recent calls. */
  RouteHealth health() {
    return health;
  }

  BreakerState state() {
    return switch (breaker.getState()) {
      case CLOSED -> BreakerState.CLOSED;
      case OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
    };
  }

  private static RetryPolicy<Object> retry(Resilience r) {
    return RetryPolicy.builder()
        .handleIf((result, error) -> retryable(error, r.maxRetryAfter()))
        .withMaxRetries(r.maxRetries())
        .withDelayFn(
            context ->
                RetryDelay.of(
                    context.getAttemptCount(),
                    context.getLastException(),
                    r,
                    ThreadLocalRandom.current().nextDouble()))
        .build();
  }

  private static boolean retryable(Throwable error, Duration maxRetryAfter) {
    if (error instanceof RateLimitedException limited) {
      return limited.retryAfter().map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true);
    }
    return error instanceof TransientException;
  }

  private static CircuitBreaker<Object> breaker(
      String name, Resilience r, RouterListener listener) {
    return CircuitBreaker.builder()
        .handleIf((result, error) -> isOutage(error))
        .withFailureThreshold(r.breakerFailures())
        .withDelay(r.breakerDelay())
        .onOpen(e -> changed(name, BreakerState.OPEN, listener))
        .onHalfOpen(e -> changed(name, BreakerState.HALF_OPEN, listener))
        .onClose(e -> changed(name, BreakerState.CLOSED, listener))
        .build();
  }

  private static boolean isOutage(Throwable error) {
    Throwable cause = error instanceof BrokenStream broken ? broken.failure() : error;
    return cause instanceof TransientException || cause instanceof RateLimitedException;
  }

  private static void changed(String name, BreakerState state, RouterListener listener) {
    LOG.info("circuit of {} is now {}", name, state);
    listener.onBreakerStateChange(name, state);
  }
}
