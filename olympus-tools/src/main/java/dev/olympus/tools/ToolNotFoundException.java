package dev.olympus.tools;

/** Thrown when a call names a tool (or an LLM function name) that the registry does not hold. */
public final class ToolNotFoundException extends ToolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param toolId the unknown tool id or function name
   */
  public ToolNotFoundException(String toolId) {
    super(toolId, "no such tool is registered", null);
  }
}
