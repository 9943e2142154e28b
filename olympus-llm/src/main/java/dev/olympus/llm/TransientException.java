package dev.olympus.llm;

/**
 * A failure that may pass by itself: HTTP 5xx or 408, connection refused, a connection that dropped
 * mid-answer, or a timeout. Retry with exponential backoff and jitter.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransientException extends LlmException {
  private static final long serialVersionUID = 1L;

  /**
   * A transient failure.
   *
   * @param provider the provider's name
   * @param message what went wrong
   * @param cause the underlying error, or null
   * @throws NullPointerException if {@code provider} or {@code message} is null
   */
  public TransientException(String provider, String message, Throwable cause) {
    super(provider, message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
