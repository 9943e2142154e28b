package dev.olympus.tools;

/** Thrown when consent for a call was refused; the executor leaves the step BLOCKED. */
public final class ToolConsentDeniedException extends ToolException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * Creates the exception.
   *
   * @param toolId the tool that was refused
   * @param reason why, as given by the user or the policy
   */
  public ToolConsentDeniedException(String toolId, String reason) {
    super(toolId, "consent denied: " + reason, null);
    this.reason = reason;
  }

  /** Returns why consent was refused. */
  public String reason() {
    return reason;
  }
}
