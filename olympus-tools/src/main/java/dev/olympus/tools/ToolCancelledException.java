package dev.olympus.tools;

import dev.olympus.plan.Cancellation;

/** Thrown when a call was cancelled through its {@link Cancellation} or by interruption. */
public final class ToolCancelledException extends ToolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param toolId the tool whose call was cancelled
   */
  public ToolCancelledException(String toolId) {
    super(toolId, "call was cancelled", null);
  }
}
