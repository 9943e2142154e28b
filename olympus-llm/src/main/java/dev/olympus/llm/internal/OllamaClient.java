package dev.olympus.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.Cancellation;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.HardException;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.ToolCall;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import java.util.List;

/**
 * An {@link LlmProvider} for Ollama's native API: {@code /api/chat} (NDJSON when streaming), {@code
 * /api/embed} and {@code /api/tags}. Thread-safe.
 */
public final class OllamaClient extends HttpProvider {
  /** A client with {@code settings}. */
  public OllamaClient(HttpSettings settings) {
    super(settings);
  }

  @Override
  public ProviderReply chat(ChatRequest request) {
    OllamaDecoder decoder = new OllamaDecoder(name(), model(), request, token -> {});
    try {
      decoder.absorb(http.post("api/chat", body(request, false)));
      return decoder.reply(false);
    } catch (HardException e) {
      throw withPullHint(e, model());
    }
  }

  @Override
  public ProviderReply stream(
      ChatRequest request, StreamListener listener, Cancellation cancellation) {
    try {
      LineStream lines = http.stream("api/chat", body(request, true), cancellation);
      return new OllamaDecoder(name(), model(), request, listener).drain(lines);
    } catch (HardException e) {
      throw withPullHint(e, model());
    }
  }

  @Override
  public EmbeddingReply embed(List<String> texts) {
    ObjectNode body = Json.object().put("model", settings.embeddingModel());
    texts.forEach(body.putArray("input")::add);
    try {
      JsonNode answer = http.post("api/embed", body);
      List<float[]> vectors = Vectors.fromArrays(name(), answer.path("embeddings"), texts.size());
      long tokens = answer.path("prompt_eval_count").asLong(Tokens.of(texts));
      return new EmbeddingReply(vectors, tokens, settings.embeddingModel());
    } catch (HardException e) {
      throw withPullHint(e, settings.embeddingModel());
    }
  }

  /** Checks that the server answers {@code /api/tags} and has the model pulled. */
  @Override
  public void checkReady() {
    JsonNode tags = http.get("api/tags");
    for (JsonNode model : tags.path("models")) {
      String name = Json.text(model, "name", Json.text(model, "model", ""));
      if (name.equals(model()) || name.equals(model() + ":latest")) {
        return;
      }
    }
    throw new HardException(name(), 404, pullMessage(model()), null);
  }

  private static HardException withPullHint(HardException e, String model) {
    if (e.status() == 404 && e.getMessage().contains("not found")) {
      return new HardException(
          e.provider(), 404, pullMessage(model) + " (" + e.getMessage() + ")", e);
    }
    return e;
  }

  private static String pullMessage(String model) {
    return "Ollama model '" + model + "' is not pulled: run `ollama pull " + model + "`";
  }

  private ObjectNode body(ChatRequest request, boolean stream) {
    ObjectNode body = Json.object().put("model", model()).put("stream", stream);
    ArrayNode messages = body.putArray("messages");
    request.messages().forEach(m -> message(messages.addObject(), m));
    if (!request.tools().isEmpty()) {
      body.putArray("tools").addAll(request.tools());
    }
    ResponseFormat format = request.responseFormat();
    if (format.kind() == ResponseFormat.Kind.JSON) {
      body.put("format", "json");
    }
    format.schema().ifPresent(schema -> body.set("format", schema));
    ObjectNode options = body.putObject("options");
    request.temperature().ifPresent(t -> options.put("temperature", t));
    request.maxTokens().ifPresent(n -> options.put("num_predict", n));
    return body;
  }

  private static void message(ObjectNode out, ChatMessage message) {
    out.put("role", message.role().wireName()).put("content", message.content());
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = out.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode function = calls.addObject().putObject("function");
        function.put("name", call.name()).set("arguments", call.arguments());
      }
    }
    message.toolName().ifPresent(name -> out.put("tool_name", name));
  }
}
