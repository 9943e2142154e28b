package dev.olympus.llm.internal.route;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.internal.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Grounds tool use in the system prompt as well as in the provider's native tool format: small
 * local models call tools more reliably when the prompt also names them and says that arguments are
 * one JSON object matching the schema.
 */
final class ToolGrounding {
  private ToolGrounding() {}

  /** {@code request} with a tool summary at the start of its system prompt, if it has tools. */
  static ChatRequest apply(ChatRequest request) {
    if (request.tools().isEmpty()) {
      return request;
    }
    List<ChatMessage> messages = new ArrayList<>(request.messages());
    String grounding = summary(request.tools());
    if (messages.get(0).role() == ChatMessage.Role.SYSTEM) {
      messages.set(0, ChatMessage.system(grounding + "\n\n" + messages.get(0).content()));
    } else {
      messages.add(0, ChatMessage.system(grounding));
    }
    return request.withMessages(messages);
  }

  private static String summary(List<JsonNode> tools) {
    StringBuilder text =
        new StringBuilder(
            "You can call these tools. To call one, use the tool-calling interface and pass its"
                + " arguments as a single JSON object that matches the tool's parameters schema.");
    for (JsonNode tool : tools) {
      JsonNode function = tool.has("function") ? tool.get("function") : tool;
      text.append("\n- ").append(Json.text(function, "name", "?"));
      String description = Json.text(function, "description", "");
      if (!description.isEmpty()) {
        text.append(": ").append(description);
      }
    }
    return text.toString();
  }
}
