package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider answered HTTP 429: too many requests. Retry after {@link #retryAfter()}, when the
 * provider said how long to wait (a {@code Retry-After} header in seconds or as an HTTP date).
 *
 * <p>Immutable and thread-safe.
 */
public final class RateLimitedException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** How long to wait, or null when the provider did not say. */
  private final Duration retryAfter;

  /**
   * A rate-limit failure.
   *
   * @param provider the provider's name
   * @param message what the provider said
   * @param retryAfter how long the provider asked to wait, if it said
   * @throws NullPointerException if an argument is null
   */
  public RateLimitedException(String provider, String message, Optional<Duration> retryAfter) {
    super(provider, message, null);
    this.retryAfter = Checks.notNull(retryAfter, "retryAfter").orElse(null);
  }

  /** How long the provider asked to wait, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
