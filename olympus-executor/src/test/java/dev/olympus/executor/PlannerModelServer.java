package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An in-process model server that answers chats with scripted texts, in order, and records every
 * request it got. It speaks Ollama's {@code /api/chat} (and {@code /api/tags}) and OpenAI's {@code
 * /v1/chat/completions} wire formats. When the script runs out it answers HTTP 400, which the
 * router reports as a hard error, so a test that asks more than it scripted fails loudly.
 */
final class PlannerModelServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A scripted answer starting with this is sent as an OpenAI refusal of the rest. */
  static final String REFUSE = "REFUSE:";

  private final HttpServer server;
  private final Deque<String> script = new ArrayDeque<>();
  private final List<JsonNode> requests = new ArrayList<>();

  PlannerModelServer(String... answers) throws IOException {
    script.addAll(List.of(answers));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/chat", ex -> answer(ex, false));
    server.createContext("/v1/chat/completions", ex -> answer(ex, true));
    server.createContext(
        "/api/tags",
        ex -> HttpReplies.json(ex, 200, "{\"models\":[{\"name\":\"llama3.2:latest\"}]}"));
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every chat request body received, in order. */
  synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  /** The answers not yet given. */
  synchronized int remaining() {
    return script.size();
  }

  /** The content of the last message with {@code role} in request {@code index}. */
  String lastMessage(int index, String role) {
    String content = null;
    for (JsonNode message : requests().get(index).path("messages")) {
      if (role.equals(message.path("role").asText())) {
        content = message.path("content").asText();
      }
    }
    return content;
  }

  private void answer(HttpExchange exchange, boolean openAi) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    String text;
    synchronized (this) {
      requests.add(request);
      text = script.poll();
    }
    if (text == null) {
      HttpReplies.json(exchange, 400, "{\"error\":\"the script has no more answers\"}");
      return;
    }
    HttpReplies.json(exchange, 200, openAi ? openAi(request, text) : ollama(request, text));
  }

  private static String ollama(JsonNode request, String text) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("model", request.path("model").asText()).put("created_at", "2026-11-25T10:00:00Z");
    reply.putObject("message").put("role", "assistant").put("content", text);
    reply.put("done", true).put("done_reason", "stop");
    reply.put("prompt_eval_count", 100).put("eval_count", 50);
    return reply.toString();
  }

  private static String openAi(JsonNode request, String text) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("id", "chatcmpl-1").put("object", "chat.completion");
    reply.put("model", request.path("model").asText());
    ObjectNode choice = reply.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (text.startsWith(REFUSE)) { // the documented refusal: no content, the reason in "refusal"
      message.putNull("content").put("refusal", text.substring(REFUSE.length()));
    } else {
      message.put("content", text);
    }
    reply.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50);
    return reply.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
