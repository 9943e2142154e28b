package dev.olympus.tools;

/**
 * Thrown by {@code desktop.open} when there is no desktop to open anything on: a headless machine
 * (no {@code java.awt.Desktop}, no {@code DISPLAY} or {@code WAYLAND_DISPLAY}) or one with neither
 * {@code java.awt.Desktop} nor {@code xdg-open}. Not retryable.
 */
public final class NoDesktopException extends ToolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param toolId the tool that found no desktop
   * @param reason why there is none, e.g. "no DISPLAY or WAYLAND_DISPLAY is set"
   */
  public NoDesktopException(String toolId, String reason) {
    super(toolId, "no desktop: " + reason, null);
  }
}
