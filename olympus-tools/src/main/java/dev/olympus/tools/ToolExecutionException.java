package dev.olympus.tools;

/**
 * Thrown when a tool ran but failed: an I/O error, a missing file, an HTTP failure, or an
 * unexpected exception from a host's tool (wrapped as non-retryable).
 */
public final class ToolExecutionException extends ToolException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * Creates the exception.
   *
   * @param toolId the tool that failed
   * @param message what went wrong
   * @param retryable whether the same call may succeed later (a transient failure)
   * @param cause the underlying failure, or null
   */
  public ToolExecutionException(String toolId, String message, boolean retryable, Throwable cause) {
    super(toolId, message, cause);
    this.retryable = retryable;
  }

  /**
   * Creates a non-retryable failure without a cause.
   *
   * @param toolId the tool that failed
   * @param message what went wrong
   */
  public ToolExecutionException(String toolId, String message) {
    this(toolId, message, false, null);
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
