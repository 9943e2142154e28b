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
 * OpenAI's chat completions API: a {@code chat.completion} object or, when {@code stream} is true,
 * server-sent events ({@code data: {chat.completion.chunk}}): content deltas, tool calls whose
 * arguments arrive in two pieces keyed by index, the finish chunk, a usage chunk with empty choices
 * when {@code stream_options.include_usage} is set, then {@code data: [DONE]}. Tool-call arguments
 * are JSON text. Errors are {@code {"error": {"message", "type", "code"}}}.
 */
public final class OpenAiWire implements Wire {
  private static final long CREATED = 1_790_000_000L;

  @Override
  public WireResponse chat(JsonNode request, FakeReply reply) {
    String model = request.path("model").asText();
    if (!request.path("stream").asBoolean(false)) {
      return WireResponse.json(200, whole(model, reply));
    }
    List<ObjectNode> chunks = new ArrayList<>();
    for (String piece : Wire.pieces(reply.text())) {
      ObjectNode choice = choice(chunks, model);
      choice.putObject("delta").put("content", piece);
      choice.putNull("finish_reason");
    }
    for (int i = 0; i < reply.calls().size(); i++) {
      callDeltas(chunks, model, i, reply.calls().get(i));
    }
    ObjectNode finish = choice(chunks, model);
    finish.putObject("delta");
    finish.put("finish_reason", finishReason(reply));
    if (request.path("stream_options").path("include_usage").asBoolean(false)) {
      ObjectNode usage = completion(model, "chat.completion.chunk");
      usage.putArray("choices");
      chunks.add(usage(usage, reply));
    }
    List<String> events = new ArrayList<>();
    chunks.forEach(chunk -> events.add("data: " + chunk + "\n\n"));
    events.add("data: [DONE]\n\n");
    return new WireResponse(200, "text/event-stream", Map.of(), events, true);
  }

  @Override
  public WireResponse embed(
      JsonNode request, List<String> texts, Function<String, float[]> embedder) {
    ObjectNode body = Json.object().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      item.set("embedding", Json.array(embedder.apply(texts.get(i))));
    }
    int tokens = OllamaWire.tokens(texts);
    body.put("model", request.path("model").asText());
    body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return WireResponse.json(200, body);
  }

  @Override
  public WireResponse error(int status, String message) {
    ObjectNode error = Json.object().put("message", message);
    error.put(
        "type",
        status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error");
    error.putNull("param");
    if (status == 429) {
      error.put("code", "rate_limit_exceeded");
    } else {
      error.putNull("code");
    }
    ObjectNode body = Json.object();
    body.set("error", error);
    return WireResponse.json(status, body);
  }

  /** The answer to {@code /v1/models}: {@code models}, owned by the fake. */
  public static WireResponse models(List<String> models) {
    ObjectNode body = Json.object().put("object", "list");
    ArrayNode data = body.putArray("data");
    models.forEach(
        id ->
            data.addObject()
                .put("id", id)
                .put("object", "model")
                .put("created", CREATED)
                .put("owned_by", "olympus-testing"));
    return WireResponse.json(200, body);
  }

  private static ObjectNode whole(String model, FakeReply reply) {
    ObjectNode body = completion(model, "chat.completion");
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (reply.refusal().isPresent()) {
      message.putNull("content").put("refusal", reply.refusal().get());
    } else if (reply.calls().isEmpty() || !reply.text().isEmpty()) {
      message.put("content", reply.text());
    } else {
      message.putNull("content");
    }
    if (!reply.calls().isEmpty()) {
      ArrayNode calls = message.putArray("tool_calls");
      for (int i = 0; i < reply.calls().size(); i++) {
        FakeReply.Call call = reply.calls().get(i);
        ObjectNode item = calls.addObject().put("id", callId(i, call)).put("type", "function");
        item.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    choice.put("finish_reason", finishReason(reply));
    return usage(body, reply);
  }

  // The call's id, type and name with the first half of its arguments, then the second half.
  private static void callDeltas(
      List<ObjectNode> chunks, String model, int index, FakeReply.Call call) {
    int half = call.arguments().length() / 2;
    String[] parts = {call.arguments().substring(0, half), call.arguments().substring(half)};
    for (int p = 0; p < parts.length; p++) {
      ObjectNode delta = choice(chunks, model).putObject("delta");
      ObjectNode item = delta.putArray("tool_calls").addObject().put("index", index);
      ObjectNode function = item.putObject("function");
      if (p == 0) {
        item.put("id", callId(index, call)).put("type", "function");
        function.put("name", call.name());
      }
      function.put("arguments", parts[p]);
    }
  }

  // Appends a chunk with one choice and returns the choice, for the caller to fill in.
  private static ObjectNode choice(List<ObjectNode> chunks, String model) {
    ObjectNode chunk = completion(model, "chat.completion.chunk");
    chunks.add(chunk);
    return chunk.putArray("choices").addObject().put("index", 0);
  }

  private static String finishReason(FakeReply reply) {
    if (reply.lengthLimited()) {
      return "length";
    }
    return reply.calls().isEmpty() ? "stop" : "tool_calls";
  }

  private static String callId(int index, FakeReply.Call call) {
    return "call_" + index + "_" + call.name();
  }

  private static ObjectNode completion(String model, String object) {
    return Json.object()
        .put("id", "chatcmpl-fake")
        .put("object", object)
        .put("created", CREATED)
        .put("model", model);
  }

  private static ObjectNode usage(ObjectNode body, FakeReply reply) {
    body.putObject("usage")
        .put("prompt_tokens", reply.promptTokens())
        .put("completion_tokens", reply.completionTokens())
        .put("total_tokens", reply.promptTokens() + reply.completionTokens());
    return body;
  }
}
