package dev.olympus.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.plan.internal.Checks;

/**
 * A request to run one tool with a JSON input: a plan's step calling its tool, or a model asking
 * for a tool during a chat. The same value goes from the model's answer through the tool loop to
 * the tool that runs it.
 *
 * <pre>{@code
 * ToolCall call = ToolCall.of("fs.read", Json.object().put("path", "notes.md"));
 * }</pre>
 *
 * <p>Immutable and thread-safe: the input is copied in and out.
 *
 * @param id the id of the call as whoever asked for it gave it (a model's {@code call_...}; the
 *     router numbers Ollama's {@code call_0}, {@code call_1}, ...), or empty when it has none
 * @param toolId the tool's id, such as {@code fs.read}; in a model's answer, the function name the
 *     model gave
 * @param input the input (for a step, all {@code ${step.field}} references already substituted)
 */
public record ToolCall(String id, String toolId, JsonNode input) {
  /**
   * Checks and copies the fields.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code toolId} is blank
   */
  public ToolCall {
    Checks.notNull(id, "id");
    Checks.notBlank(toolId, "toolId");
    input = Checks.notNull(input, "input").deepCopy();
  }

  /**
   * Returns a call of {@code toolId} with {@code input} and no id.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code toolId} is blank
   */
  public static ToolCall of(String toolId, JsonNode input) {
    return new ToolCall("", toolId, input);
  }

  /** Returns a copy of the input. */
  @Override
  public JsonNode input() {
    return input.deepCopy();
  }
}
