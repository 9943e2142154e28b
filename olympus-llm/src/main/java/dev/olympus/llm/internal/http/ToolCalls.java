package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.HardException;
import dev.olympus.llm.internal.Json;
import dev.olympus.plan.ToolCall;

/** Turns a provider's tool-call arguments into a {@link ToolCall}, or a typed hard error. */
final class ToolCalls {
  private ToolCalls() {}

  /**
   * A tool call whose arguments are {@code arguments}: an object (Ollama), or JSON text of an
   * object (OpenAI); empty text means no arguments.
   *
   * @throws HardException if the arguments are not a JSON object
   */
  static ToolCall parse(String provider, String id, String name, JsonNode arguments) {
    if (name == null || name.isBlank()) {
      throw new HardException(provider, 0, "the model called a tool without a name", null);
    }
    JsonNode parsed = arguments;
    if (arguments == null || arguments.isNull()) {
      parsed = Json.object();
    } else if (arguments.isTextual()) {
      parsed = parseText(provider, name, arguments.asText());
    }
    if (!parsed.isObject()) {
      throw badArguments(provider, name, arguments.toString(), null);
    }
    return new ToolCall(id, name, parsed);
  }

  private static JsonNode parseText(String provider, String name, String text) {
    if (text.isBlank()) {
      return Json.object();
    }
    try {
      return Json.parse(provider, text, "arguments");
    } catch (HardException e) {
      throw badArguments(provider, name, text, e);
    }
  }

  private static HardException badArguments(
      String provider, String name, String text, Throwable cause) {
    return new HardException(
        provider,
        0,
        "the model called tool '"
            + name
            + "' with arguments that are not a JSON object: "
            + Json.abbreviate(text),
        cause);
  }
}
