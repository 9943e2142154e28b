package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.HardException;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.internal.Json;
import dev.olympus.llm.internal.Tokens;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link LlmProvider} for the OpenAI chat completions API and the servers that copy it
 * (llama.cpp server, vLLM, LM Studio): {@code chat/completions} (server-sent events when streaming)
 * and {@code embeddings}, below a base address that ends in {@code /v1}. Thread-safe.
 */
public final class OpenAiClient extends HttpProvider {
  private final String maxTokensField;

  /**
   * A client with {@code settings} that sends the completion cap as {@code max_completion_tokens},
   * or as the older {@code max_tokens} when {@code legacyMaxTokens}.
   */
  public OpenAiClient(HttpSettings settings, boolean legacyMaxTokens) {
    super(settings);
    this.maxTokensField = legacyMaxTokens ? "max_tokens" : "max_completion_tokens";
  }

  @Override
  public ProviderReply chat(ChatRequest request) {
    OpenAiDecoder decoder = new OpenAiDecoder(name(), model(), request, token -> {});
    decoder.absorbWhole(http.post("chat/completions", body(request, false)));
    return decoder.reply(false);
  }

  @Override
  public ProviderReply stream(
      ChatRequest request, StreamListener listener, Cancellation cancellation) {
    LineStream lines = http.stream("chat/completions", body(request, true), cancellation);
    return new OpenAiDecoder(name(), model(), request, listener).drain(lines);
  }

  @Override
  public EmbeddingReply embed(List<String> texts) {
    ObjectNode body = Json.object().put("model", settings.embeddingModel());
    texts.forEach(body.putArray("input")::add);
    JsonNode answer = http.post("embeddings", body);
    List<JsonNode> data = new ArrayList<>();
    answer.path("data").forEach(data::add);
    data.sort((a, b) -> Integer.compare(a.path("index").asInt(), b.path("index").asInt()));
    ArrayNode arrays = Json.array();
    data.forEach(item -> arrays.add(item.path("embedding")));
    if (data.size() != texts.size()) {
      throw new HardException(
          name(), 0, "expected " + texts.size() + " embeddings but got " + data.size(), null);
    }
    long tokens = answer.path("usage").path("prompt_tokens").asLong(Tokens.of(texts));
    return new EmbeddingReply(
        Vectors.fromArrays(name(), arrays, texts.size()),
        tokens,
        Json.text(answer, "model", settings.embeddingModel()));
  }

  private ObjectNode body(ChatRequest request, boolean stream) {
    ObjectNode body = Json.object().put("model", model()).put("stream", stream);
    if (stream) {
      body.putObject("stream_options").put("include_usage", true);
    }
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(m -> message(messages.addObject(), m));
    request.temperature().ifPresent(t -> body.put("temperature", t));
    request.maxTokens().ifPresent(n -> body.put(maxTokensField, n));
    if (!request.tools().isEmpty()) {
      body.putArray("tools").addAll(request.tools());
    }
    responseFormat(body, request.responseFormat());
    return body;
  }

  private static void responseFormat(ObjectNode body, ResponseFormat format) {
    if (format.kind() == ResponseFormat.Kind.JSON) {
      body.putObject("response_format").put("type", "json_object");
    }
    format
        .schema()
        .ifPresent(
            schema -> {
              ObjectNode spec = body.putObject("response_format").put("type", "json_schema");
              spec.putObject("json_schema")
                  .put("name", format.name())
                  .put("strict", true)
                  .set("schema", schema);
            });
  }

  private static void message(ObjectNode out, ChatMessage message) {
    out.put("role", message.role().wireName());
    if (message.content().isEmpty() && !message.toolCalls().isEmpty()) {
      out.putNull("content");
    } else {
      out.put("content", message.content());
    }
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = out.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode item = calls.addObject().put("id", call.id()).put("type", "function");
        item.putObject("function")
            .put("name", call.toolId())
            .put("arguments", Json.write(call.input()));
      }
    }
    message.toolCallId().ifPresent(id -> out.put("tool_call_id", id));
  }
}
