package dev.olympus.tools;

/**
 * Base of every error a tool, the registry, the consent gate or the document loader reports: the
 * one exception type of this module a host handles. Its subclasses are top-level and listed in the
 * {@code @throws} of each method that throws them. Programming errors (a null or malformed
 * argument, a misused builder) are {@link NullPointerException}, {@link IllegalArgumentException}
 * and {@link IllegalStateException}, never a {@code ToolException}.
 *
 * <p>The hierarchy is closed so an executor can classify every failure: {@link #retryable()} says
 * whether the same call may succeed if tried again later (a rate limit, a timeout, a transient I/O
 * failure); everything else (bad input, a denial, a sandbox violation, an unknown tool) is final.
 * Whether a retry is <em>safe</em> also depends on the tool's {@link SideEffect}. Instances are
 * immutable.
 */
public abstract sealed class ToolException extends RuntimeException
    permits ToolValidationException,
        ToolNotFoundException,
        ToolConsentDeniedException,
        ToolRateLimitedException,
        ToolTimeoutException,
        ToolCancelledException,
        SandboxViolationException,
        NoDesktopException,
        DocumentException,
        ToolExecutionException {
  private static final long serialVersionUID = 1L;

  private final String toolId;

  ToolException(String toolId, String message, Throwable cause) {
    super(toolId + ": " + message, cause);
    this.toolId = toolId;
  }

  /** Returns the id of the tool the error concerns. */
  public String toolId() {
    return toolId;
  }

  /** Returns whether the same call may succeed when tried again later. */
  public boolean retryable() {
    return false;
  }
}
