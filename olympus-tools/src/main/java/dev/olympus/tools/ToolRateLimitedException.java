package dev.olympus.tools;

import java.time.Duration;

/**
 * Thrown when a call would exceed the tool's {@link RateLimit}; retry after {@link #retryAfter()}.
 */
public final class ToolRateLimitedException extends ToolException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param toolId the rate-limited tool
   * @param limit the limit that was reached
   * @param retryAfter how long until a call would be admitted
   */
  public ToolRateLimitedException(String toolId, RateLimit limit, Duration retryAfter) {
    super(toolId, "rate limit of " + limit + " reached; retry after " + retryAfter, null);
    this.retryAfter = retryAfter;
  }

  /** Returns how long until a call would be admitted. */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
