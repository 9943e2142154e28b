package dev.olympus.llm.internal.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.FinishReason;
import dev.olympus.llm.Usage;
import dev.olympus.llm.internal.Json;
import dev.olympus.plan.Money;
import dev.olympus.plan.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@link ChatResponse} as JSON for the persistent cache, and reads it back. */
final class ResponseCodec {
  private static final int VERSION = 1;

  private ResponseCodec() {}

  static String write(ChatResponse response) {
    ObjectNode root = Json.object().put("v", VERSION).put("text", response.text());
    ArrayNode calls = root.putArray("toolCalls");
    for (ToolCall call : response.toolCalls()) {
      calls
          .addObject()
          .put("id", call.id())
          .put("name", call.toolId())
          .set("arguments", call.input());
    }
    root.put("finishReason", response.finishReason().name());
    root.put("promptTokens", response.usage().promptTokens());
    root.put("completionTokens", response.usage().completionTokens());
    root.put("cost", response.cost().amount().toPlainString());
    root.put("provider", response.provider()).put("model", response.model());
    return Json.write(root);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws RuntimeException if the text is not a response of this version
   */
  static ChatResponse read(String text) {
    JsonNode root = Json.parse("cache", text, "a cached response");
    if (root.path("v").asInt() != VERSION) {
      throw new IllegalArgumentException("unknown cached response version " + root.path("v"));
    }
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode call : root.path("toolCalls")) {
      calls.add(
          new ToolCall(
              call.path("id").asText(), call.path("name").asText(), call.path("arguments")));
    }
    return ChatResponse.builder(root.path("provider").asText(), root.path("model").asText())
        .text(root.path("text").asText())
        .toolCalls(calls)
        .finishReason(FinishReason.valueOf(root.path("finishReason").asText()))
        .usage(
            new Usage(root.path("promptTokens").asLong(), root.path("completionTokens").asLong()))
        .cost(Money.usd(root.path("cost").asText()))
        .build();
  }
}
