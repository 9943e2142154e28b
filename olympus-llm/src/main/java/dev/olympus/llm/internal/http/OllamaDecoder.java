package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.TransientException;
import dev.olympus.llm.Usage;
import dev.olympus.llm.internal.Json;

/**
 * Decodes Ollama's {@code /api/chat} answers: one JSON object, or NDJSON lines of the same shape
 * where the last has {@code "done": true} with {@code done_reason}, {@code prompt_eval_count} and
 * {@code eval_count}. One thread.
 */
final class OllamaDecoder extends StreamDecoder {
  private boolean done;

  OllamaDecoder(String provider, String model, ChatRequest request, StreamListener listener) {
    super(provider, model, request, listener);
  }

  @Override
  boolean accept(String line) {
    if (line.isBlank()) {
      return false;
    }
    return absorb(Json.parse(provider, line, "a chat chunk"));
  }

  /** Takes one parsed chunk (or a whole non-streamed answer); returns true when it was the last. */
  boolean absorb(JsonNode chunk) {
    if (chunk.hasNonNull("error")) {
      throw new TransientException(
          provider, "Ollama failed mid-answer: " + chunk.get("error").asText(), null);
    }
    model = Json.text(chunk, "model", model);
    JsonNode message = chunk.path("message");
    emit(Json.text(message, "content", ""));
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      String id = Json.text(call, "id", "call_" + toolCalls.size());
      toolCalls.add(
          ToolCalls.parse(
              provider, id, Json.text(function, "name", ""), function.get("arguments")));
    }
    if (chunk.path("done").asBoolean(false)) {
      done = true;
      finishReason = Json.text(chunk, "done_reason", "stop");
      usage =
          new Usage(chunk.path("prompt_eval_count").asLong(0), chunk.path("eval_count").asLong(0));
    }
    return done;
  }

  @Override
  boolean complete() {
    return done;
  }
}
