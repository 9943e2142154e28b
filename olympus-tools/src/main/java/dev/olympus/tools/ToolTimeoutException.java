package dev.olympus.tools;

import java.time.Duration;

/**
 * Thrown when a call did not finish before its deadline; the running tool was interrupted.
 *
 * <p>Retryable, but a tool with side effects may have done part of its work: consult the tool's
 * {@link SideEffect} before retrying.
 */
public final class ToolTimeoutException extends ToolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param toolId the tool that timed out
   * @param timeout how long the call was allowed to run
   */
  public ToolTimeoutException(String toolId, Duration timeout) {
    super(toolId, "did not finish within " + timeout, null);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
