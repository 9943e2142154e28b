package dev.olympus.llm;

import dev.olympus.llm.internal.Checks;

/**
 * Why a model call failed, as a closed set of kinds that decide what a caller should do next:
 *
 * <ul>
 *   <li>{@link RateLimitedException}: HTTP 429; wait {@code retryAfter()} and try again.
 *   <li>{@link TransientException}: 5xx, connection refused or dropped, timeout; retry with
 *       backoff.
 *   <li>{@link HardException}: any other 4xx or a malformed answer; retrying will not help.
 *   <li>{@link BudgetExceededException}: the call does not fit a budget; never retried.
 *   <li>{@link UnavailableException}: every provider was skipped or failed; lists each and why.
 *   <li>{@link CancelledException}: the calling thread was interrupted; stop, do not retry.
 *   <li>{@link StreamBrokenException}: a stream failed after part of the answer was delivered; it
 *       carries that part, and the provider's failure as its cause.
 * </ul>
 *
 * <p>The router has already retried rate-limited and transient failures and tried the other
 * providers before it throws. Immutable and thread-safe.
 */
public abstract sealed class LlmException extends RuntimeException
    permits RateLimitedException,
        TransientException,
        HardException,
        BudgetExceededException,
        UnavailableException,
        CancelledException,
        StreamBrokenException {
  private static final long serialVersionUID = 1L;

  /** The provider that failed, or empty when the router itself refused. */
  private final String provider;

  LlmException(String provider, String message, Throwable cause) {
    super(Checks.notNull(message, "message"), cause);
    this.provider = Checks.notNull(provider, "provider");
  }

  /** The name of the provider that failed, or empty when the router itself refused the call. */
  public String provider() {
    return provider;
  }

  /** Whether the same call may succeed later without any change. */
  public abstract boolean retryable();
}
