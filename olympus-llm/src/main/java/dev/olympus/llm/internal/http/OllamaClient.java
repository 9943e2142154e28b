package dev.olympus.llm.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.llm.CancelledException;
import dev.olympus.llm.ChatMessage;
import dev.olympus.llm.ChatRequest;
import dev.olympus.llm.HardException;
import dev.olympus.llm.LlmException;
import dev.olympus.llm.ResponseFormat;
import dev.olympus.llm.StreamListener;
import dev.olympus.llm.internal.Json;
import dev.olympus.llm.internal.Tokens;
import dev.olympus.llm.spi.EmbeddingReply;
import dev.olympus.llm.spi.LlmProvider;
import dev.olympus.llm.spi.ProviderReply;
import dev.olympus.plan.Cancellation;
import dev.olympus.plan.ToolCall;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link LlmProvider} for Ollama's native API: {@code /api/chat} (NDJSON when streaming), {@code
 * /api/embed}, {@code /api/tags}, and {@code /api/show} for the model's context length.
 * Thread-safe.
 *
 * <p>Unless the host fixes it, {@code options.num_ctx} is sized per request: nothing for a request
 * that fits Ollama's smallest default context (2,048 tokens), otherwise the request's estimated
 * size (prompt plus completion cap) rounded up to a power of two (so the model is reloaded rarely),
 * at most the model's own context length. Without it Ollama cuts long prompts silently.
 */
public final class OllamaClient extends HttpProvider {
  private static final Logger LOG = LoggerFactory.getLogger(OllamaClient.class);
  // Ollama's default context was 2,048 tokens for years (4,096 in newer versions).
  private static final long DEFAULT_CONTEXT = 2_048;

  private final OllamaOptions ollama;
  // The model's context length from /api/show: null until asked, 0 if unknown.
  private volatile Integer modelContext;

  /** A client with {@code settings} and {@code ollama}'s request options. */
  public OllamaClient(HttpSettings settings, OllamaOptions ollama) {
    super(settings);
    this.ollama = ollama;
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
    contextFor(request).ifPresent(n -> options.put("num_ctx", n));
    ollama.applyTo(body, options);
    request.maxTokens().ifPresent(n -> options.put("num_predict", n));
    return body;
  }

  private OptionalInt contextFor(ChatRequest request) {
    if (ollama.contextLength().isPresent() || ollama.options().containsKey("num_ctx")) {
      return ollama.contextLength();
    }
    long needed = Tokens.prompt(request) + request.maxTokens().orElse(0);
    if (needed <= DEFAULT_CONTEXT) {
      return OptionalInt.empty();
    }
    long size = Math.min(Long.highestOneBit(needed - 1) << 1, Integer.MAX_VALUE);
    int modelMax = modelContext();
    if (modelMax > 0 && size > modelMax) {
      if (needed > modelMax) {
        LOG.warn(
            "a request of about {} tokens is longer than {}'s context of {}: Ollama will cut it",
            needed,
            model(),
            modelMax);
      }
      size = modelMax;
    }
    return OptionalInt.of((int) size);
  }

  private int modelContext() {
    Integer known = modelContext;
    if (known == null) {
      try {
        known =
            OllamaShow.contextLength(http.post("api/show", Json.object().put("model", model())));
      } catch (CancelledException e) {
        throw e;
      } catch (LlmException e) {
        LOG.debug("could not read {}'s context length from /api/show", model(), e);
        known = 0;
      }
      modelContext = known;
    }
    return known;
  }

  private static void message(ObjectNode out, ChatMessage message) {
    out.put("role", message.role().wireName()).put("content", message.content());
    if (!message.toolCalls().isEmpty()) {
      ArrayNode calls = out.putArray("tool_calls");
      for (ToolCall call : message.toolCalls()) {
        ObjectNode function = calls.addObject().putObject("function");
        function.put("name", call.toolId()).set("arguments", call.input());
      }
    }
    message.toolName().ifPresent(name -> out.put("tool_name", name));
  }
}
