package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads Ollama's {@code /api/show} answer. */
final class OllamaShow {
  private OllamaShow() {}

  /**
   * The model's context length ({@code model_info.<architecture>.context_length}), or 0 if the
   * answer has none.
   */
  static int contextLength(JsonNode show) {
    for (Map.Entry<String, JsonNode> field : show.path("model_info").properties()) {
      if (field.getKey().endsWith(".context_length") && field.getValue().canConvertToInt()) {
        return Math.max(0, field.getValue().asInt());
      }
    }
    return 0;
  }

  /** The model's capabilities, such as {@code completion}, {@code tools}, {@code vision}. */
  static Set<String> capabilities(JsonNode show) {
    Set<String> capabilities = new HashSet<>();
    show.path("capabilities").forEach(c -> capabilities.add(c.asText()));
    return Set.copyOf(capabilities);
  }
}
