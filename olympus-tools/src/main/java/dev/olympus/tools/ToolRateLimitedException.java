package dev.olympus.tools;

import java.time.Duration;

/**
 * Thrown when a call would exceed the tool's {@link RateLimit}, or when every worker thread of the
 * registry is busy ({@link ToolRegistry.Builder#maxConcurrentCalls}); retry after {@link
 * #retryAfter()}.
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

  /**
   * Creates the exception for a limit other than a {@link RateLimit}, such as every worker thread
   * of the registry being busy.
   *
   * @param toolId the refused tool
   * @param reason which limit was reached
   * @param retryAfter how long to wait before trying again
   */
  public ToolRateLimitedException(String toolId, String reason, Duration retryAfter) {
    super(toolId, reason + "; retry after " + retryAfter, null);
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
