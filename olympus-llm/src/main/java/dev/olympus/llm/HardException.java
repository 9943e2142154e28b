package dev.olympus.llm;

/**
 * A failure that retrying will not fix: a 4xx answer other than 429 (bad request, bad API key,
 * model not pulled), or an answer that does not parse, such as tool-call arguments that are not
 * JSON.
 *
 * <p>Immutable and thread-safe.
 */
public final class HardException extends LlmException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, or zero when the failure is not an HTTP error. */
  private final int status;

  /**
   * A hard failure.
   *
   * @param provider the provider's name
   * @param status the HTTP status, or zero
   * @param message what went wrong, and what to do about it when that is known
   * @param cause the underlying error, or null
   * @throws NullPointerException if {@code provider} or {@code message} is null
   */
  public HardException(String provider, int status, String message, Throwable cause) {
    super(provider, message, cause);
    this.status = status;
  }

  /** The HTTP status, or zero when the failure is not an HTTP error. */
  public int status() {
    return status;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
