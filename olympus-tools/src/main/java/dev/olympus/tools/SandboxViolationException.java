package dev.olympus.tools;

/**
 * Thrown when a built-in tool refuses a path or address that would leave its sandbox: a path
 * outside the file root, a symlink, a device file, or a URL whose host is not allowed.
 */
public final class SandboxViolationException extends ToolException {
  private static final long serialVersionUID = 1L;

  private final String target;

  /**
   * Creates the exception.
   *
   * @param toolId the tool that refused
   * @param target the refused path or URL, with control characters escaped
   * @param reason why it was refused
   */
  public SandboxViolationException(String toolId, String target, String reason) {
    super(toolId, "refused '" + target + "': " + reason, null);
    this.target = target;
  }

  /** Returns the refused path or URL, with control characters escaped. */
  public String target() {
    return target;
  }
}
