package dev.olympus.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.testing.FakeReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ollama's native API (docs/api.md): {@code /api/chat} answers as one JSON object or, when {@code
 * stream} is true (Ollama's default), as NDJSON: the text a few characters per line, the tool calls
 * in one line, then a {@code "done": true} line with the token counts. Tool-call arguments are JSON
 * objects. Errors are {@code {"error": "..."}}.
 */
public final class OllamaWire implements Wire {
  private static final String CREATED = "2026-11-25T10:00:00Z";

  @Override
  public WireResponse chat(JsonNode request, FakeReply reply) {
    String model = request.path("model").asText();
    if (!request.path("stream").asBoolean(true)) {
      return WireResponse.json(200, chunk(model, reply.text(), reply.calls(), reply));
    }
    List<String> lines = new ArrayList<>();
    for (String piece : Wire.pieces(reply.text())) {
      lines.add(chunk(model, piece, List.of(), null) + "\n");
    }
    if (!reply.calls().isEmpty()) {
      lines.add(chunk(model, "", reply.calls(), null) + "\n");
    }
    lines.add(chunk(model, "", List.of(), reply) + "\n");
    return new WireResponse(200, "application/x-ndjson", Map.of(), lines, true);
  }

  // One chat object; the final one (done) when {@code last} is given, with its counts.
  private static ObjectNode chunk(
      String model, String text, List<FakeReply.Call> calls, FakeReply last) {
    ObjectNode reply = Json.object().put("model", model).put("created_at", CREATED);
    ObjectNode message = reply.putObject("message").put("role", "assistant").put("content", text);
    if (!calls.isEmpty()) {
      ArrayNode array = message.putArray("tool_calls");
      for (FakeReply.Call call : calls) {
        array
            .addObject()
            .putObject("function")
            .put("name", call.name())
            .set("arguments", Json.parseOrText(call.arguments()));
      }
    }
    reply.put("done", last != null);
    if (last != null) {
      reply.put("done_reason", last.lengthLimited() ? "length" : "stop");
      reply.put("total_duration", 5_000_000L).put("load_duration", 1_000_000L);
      reply.put("prompt_eval_count", last.promptTokens()).put("prompt_eval_duration", 1_000_000L);
      reply.put("eval_count", last.completionTokens()).put("eval_duration", 3_000_000L);
    }
    return reply;
  }

  @Override
  public WireResponse embed(
      JsonNode request, List<String> texts, Function<String, float[]> embedder) {
    ObjectNode reply = Json.object().put("model", request.path("model").asText());
    ArrayNode embeddings = reply.putArray("embeddings");
    texts.forEach(text -> embeddings.add(Json.array(embedder.apply(text))));
    reply.put("total_duration", 2_000_000L).put("load_duration", 1_000_000L);
    return WireResponse.json(200, reply.put("prompt_eval_count", tokens(texts)));
  }

  @Override
  public WireResponse error(int status, String message) {
    return WireResponse.json(status, Json.object().put("error", message));
  }

  /** The answer to {@code /api/tags}: {@code models} pulled. */
  public static WireResponse tags(List<String> models) {
    ObjectNode body = Json.object();
    ArrayNode array = body.putArray("models");
    for (String name : models) {
      ObjectNode model = array.addObject().put("name", name).put("model", name);
      model.put("modified_at", CREATED).put("size", 2_019_393_189L);
      model.put("digest", "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72");
      model
          .putObject("details")
          .put("format", "gguf")
          .put("family", "llama")
          .put("parameter_size", "3.2B")
          .put("quantization_level", "Q4_K_M");
    }
    return WireResponse.json(200, body);
  }

  /** The answer to {@code /api/show}: a llama model with a 128K context that can call tools. */
  public static WireResponse show() {
    ObjectNode body = Json.object();
    body.putObject("details").put("family", "llama").put("quantization_level", "Q4_K_M");
    body.putObject("model_info")
        .put("general.architecture", "llama")
        .put("llama.context_length", 131_072);
    body.putArray("capabilities").add("completion").add("tools");
    return WireResponse.json(200, body);
  }

  /** The 404 Ollama answers for a model that was never pulled. */
  public WireResponse notPulled(String model) {
    return error(404, "model \"" + model + "\" not found, try pulling it first");
  }

  // About one token per word piece, as a tokenizer would count.
  static int tokens(List<String> texts) {
    return texts.stream().mapToInt(t -> Math.max(1, t.length() / 4)).sum();
  }
}
