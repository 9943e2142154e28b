package dev.olympus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process OpenAI-compatible server: {@code POST /v1/chat/completions} answering a {@code
 * chat.completion} object (or, with {@code "stream": true}, {@code chat.completion.chunk}
 * server-sent events ending in {@code data: [DONE]}) with fixed usage: 20 prompt and 30 completion
 * tokens.
 */
public final class FakeOpenAi extends FakeServer {
  public static final int PROMPT_TOKENS = 20;
  public static final int COMPLETION_TOKENS = 30;

  public final AtomicInteger chats = new AtomicInteger();

  public FakeOpenAi(String answer) throws IOException {
    route("/v1/chat/completions", request -> completion(request, answer));
  }

  private Reply completion(JsonNode request, String answer) {
    chats.incrementAndGet();
    ObjectNode usage =
        JSON.createObjectNode()
            .put("prompt_tokens", PROMPT_TOKENS)
            .put("completion_tokens", COMPLETION_TOKENS)
            .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    ObjectNode reply = header(request, "chat.completion");
    ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
    if (!request.path("stream").asBoolean(false)) {
      choice.putObject("message").put("role", "assistant").put("content", answer);
      choice.put("finish_reason", "stop");
      reply.set("usage", usage);
      return Reply.json(200, reply);
    }
    ObjectNode chunk = header(request, "chat.completion.chunk");
    ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0);
    delta.putObject("delta").put("role", "assistant").put("content", answer);
    delta.put("finish_reason", "stop");
    ObjectNode usageChunk = header(request, "chat.completion.chunk");
    usageChunk.putArray("choices");
    usageChunk.set("usage", usage);
    String events = "data: " + chunk + "\n\ndata: " + usageChunk + "\n\ndata: [DONE]\n\n";
    return new Reply(200, "text/event-stream", events);
  }

  private static ObjectNode header(JsonNode request, String object) {
    return JSON.createObjectNode()
        .put("id", "chatcmpl-golden")
        .put("object", object)
        .put("created", 1_795_600_000L)
        .put("model", request.path("model").asText());
  }
}
