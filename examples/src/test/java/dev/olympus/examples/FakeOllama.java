package dev.olympus.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.cli.FakeServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process Ollama speaking {@code /api/chat}, {@code /api/embed} and {@code /api/tags} as in
 * Ollama's docs/api.md. Chat answers come from {@code answer} applied to the last user message;
 * embeddings are a deterministic bag of hashed words. With no model pulled, chat and embed answer
 * 404 {@code {"error":"model \"llama3.2\" not found, try pulling it first"}} like a real server.
 */
final class FakeOllama extends FakeServer {
  static final int DIMENSIONS = 32;

  final AtomicInteger chats = new AtomicInteger();
  final AtomicInteger embeds = new AtomicInteger();
  final List<String> prompts = java.util.Collections.synchronizedList(new ArrayList<>());

  /** A server with {@code llama3.2} pulled that answers chats with {@code answer}. */
  FakeOllama(Function<String, String> answer) throws IOException {
    this(answer, true);
  }

  private FakeOllama(Function<String, String> answer, boolean pulled) throws IOException {
    route("/api/tags", request -> tags(pulled));
    route("/api/chat", request -> pulled ? chat(request, answer) : missing(request, chats));
    route("/api/embed", request -> pulled ? embed(request) : missing(request, embeds));
  }

  /** A running server on which the model was never pulled. */
  static FakeOllama withoutModel() throws IOException {
    return new FakeOllama(prompt -> "", false);
  }

  private static Reply tags(boolean pulled) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode models = body.putArray("models");
    if (pulled) {
      models.addObject().put("name", "llama3.2:latest").put("model", "llama3.2:latest");
    }
    return Reply.json(200, body);
  }

  private static Reply missing(JsonNode request, AtomicInteger counter) {
    counter.incrementAndGet();
    String model = request.path("model").asText();
    ObjectNode error =
        JSON.createObjectNode()
            .put("error", "model \"" + model + "\" not found, try pulling it first");
    return Reply.json(404, error);
  }

  private Reply chat(JsonNode request, Function<String, String> answer) {
    chats.incrementAndGet();
    String prompt = lastUserMessage(request);
    prompts.add(prompt);
    ObjectNode reply = JSON.createObjectNode();
    reply.put("model", request.path("model").asText()).put("created_at", "2026-11-25T10:00:00Z");
    reply.putObject("message").put("role", "assistant").put("content", answer.apply(prompt));
    reply.put("done", true).put("done_reason", "stop");
    reply.put("prompt_eval_count", prompt.length() / 4 + 1).put("eval_count", 12);
    String body = reply.toString();
    return new Reply(
        200, "application/json", request.path("stream").asBoolean(true) ? body + "\n" : body);
  }

  private Reply embed(JsonNode request) {
    embeds.incrementAndGet();
    JsonNode input = request.path("input");
    List<String> texts = new ArrayList<>();
    if (input.isArray()) {
      input.forEach(text -> texts.add(text.asText()));
    } else {
      texts.add(input.asText());
    }
    ObjectNode reply = JSON.createObjectNode().put("model", request.path("model").asText());
    ArrayNode embeddings = reply.putArray("embeddings");
    texts.forEach(text -> vector(text, embeddings.addArray()));
    return Reply.json(200, reply.put("prompt_eval_count", texts.size() * 8));
  }

  private static void vector(String text, ArrayNode out) {
    double[] v = new double[DIMENSIONS];
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        v[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
      }
    }
    double norm = Math.sqrt(java.util.Arrays.stream(v).map(x -> x * x).sum());
    for (double x : v) {
      out.add(norm == 0 ? 0 : x / norm);
    }
  }
}
