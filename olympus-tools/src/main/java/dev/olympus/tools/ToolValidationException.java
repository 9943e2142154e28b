package dev.olympus.tools;

import java.util.List;

/** Thrown when a call's input does not match the tool's input schema; lists every problem. */
public final class ToolValidationException extends ToolException {
  private static final long serialVersionUID = 1L;

  private final String[] problems;

  /**
   * Creates the exception.
   *
   * @param toolId the tool whose schema rejected the input
   * @param problems every problem found, each naming the offending location
   */
  public ToolValidationException(String toolId, List<String> problems) {
    super(toolId, "invalid input: " + String.join("; ", problems), null);
    this.problems = List.copyOf(problems).toArray(String[]::new);
  }

  /** Returns every problem found, each naming the offending location (e.g. {@code $.path}). */
  public List<String> problems() {
    return List.of(problems);
  }
}
