package dev.olympus.tools;

import static dev.olympus.tools.internal.Checks.notBlank;
import static dev.olympus.tools.internal.Checks.notNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request to run a tool with a resolved JSON input. Immutable; the input is copied in and out.
 *
 * @param toolId the id of the tool to run, e.g. {@code fs.read}
 * @param input the resolved input (all {@code ${step.field}} references already substituted)
 */
public record ToolCall(String toolId, JsonNode input) {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code toolId} is blank
   */
  public ToolCall {
    notBlank(toolId, "toolId");
    input = notNull(input, "input").deepCopy();
  }

  /**
   * Returns a call of {@code toolId} with {@code input}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code toolId} is blank
   */
  public static ToolCall of(String toolId, JsonNode input) {
    return new ToolCall(toolId, input);
  }

  /** Returns a copy of the input. */
  @Override
  public JsonNode input() {
    return input.deepCopy();
  }
}
