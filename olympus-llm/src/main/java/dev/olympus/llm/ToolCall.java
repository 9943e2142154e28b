package dev.olympus.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.internal.Checks;

/**
 * A model's request to call a tool: the tool's name and its arguments, already parsed as JSON.
 *
 * <p>Immutable and thread-safe as long as nobody mutates {@link #arguments()}; the constructor
 * keeps its own copy.
 *
 * @param id the provider's id for the call (OpenAI's {@code call_...}); Ollama has none, so the
 *     router numbers its calls {@code call_0}, {@code call_1}, ...
 * @param name the tool's name as given in the request's tool definitions
 * @param arguments the arguments, a JSON object
 */
public record ToolCall(String id, String name, JsonNode arguments) {
  /**
   * Checks the fields and copies the arguments.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code name} is blank or {@code arguments} is not an object
   */
  public ToolCall {
    Checks.notNull(id, "id");
    Checks.notBlank(name, "name");
    Checks.notNull(arguments, "arguments");
    Checks.argument(
        arguments.isObject(), "arguments of tool call '" + name + "' must be a JSON object");
    arguments = arguments.deepCopy();
  }
}
