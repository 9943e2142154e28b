package dev.olympus.llm.internal.route;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.olympus.llm.BreakerState;
import dev.olympus.llm.CancelledException;
import dev.olympus.llm.Pricing;
import dev.olympus.llm.RateLimitedException;
import dev.olympus.llm.RouterListener;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.spi.LlmProvider;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider in the routing order, with its price and its own retries and circuit breaker
 * (retries outside, so every attempt counts toward the breaker). The breaker is Failsafe's, used
 * directly: a call costs one permit check and one record, with no per-call policy chain.
 * Thread-safe.
 */
final class Route {
  private static final Logger LOG = LoggerFactory.getLogger(Route.class);

  private final LlmProvider provider;
  private final Pricing pricing;
  private final boolean local;
  private final CircuitBreaker<Object> breaker;
  private final Resilience resilience;
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
    this.resilience = resilience;
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

  /**
   * Runs {@code action} through the circuit breaker, retrying rate-limited and transient failures
   * after {@link RetryDelay}'s wait.
   *
   * @throws CircuitBreakerOpenException if the circuit is open (nothing is sent)
   * @throws CancelledException if the thread is interrupted while waiting to retry (the flag stays
   *     set)
   */
  <T> T call(Supplier<T> action) {
    for (int retry = 1; ; retry++) {
      if (!breaker.tryAcquirePermit()) {
        throw new CircuitBreakerOpenException(breaker);
      }
      try {
        T value = action.get();
        breaker.recordSuccess();
        return value;
      } catch (RuntimeException | Error e) {
        breaker.recordException(e);
        if (retry > resilience.maxRetries() || !retryable(e, resilience.maxRetryAfter())) {
          throw e;
        }
        pause(RetryDelay.of(retry, e, resilience, ThreadLocalRandom.current().nextDouble()));
      }
    }
  }

  private void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException(name(), "interrupted while waiting to retry", e);
    }
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
