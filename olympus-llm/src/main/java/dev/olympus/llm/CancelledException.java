package dev.olympus.llm;

/**
 * The call was cancelled: the calling thread was interrupted while it waited for an answer or
 * between retries. Nothing more is tried (no retry, no other provider), the failure does not count
 * toward a provider's circuit breaker, reservations are released, and the thread's interrupt flag
 * is left set. Not retryable: whoever interrupted the thread wanted the work to stop.
 *
 * <p>Immutable and thread-safe.
 */
public final class CancelledException extends LlmException {
  private static final long serialVersionUID = 1L;

  /**
   * A cancellation.
   *
   * @param provider the provider's name, or empty when the router itself was waiting
   * @param message what was interrupted
   * @param cause the underlying {@link InterruptedException}, or null
   * @throws NullPointerException if {@code provider} or {@code message} is null
   */
  public CancelledException(String provider, String message, Throwable cause) {
    super(provider, message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
