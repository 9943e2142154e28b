package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process server speaking Ollama's /api/chat and /api/tags wire format (docs/api.md). The
 * answer to a chat is computed from the last user message by {@code answer}.
 */
final class FakeOllama implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Function<String, String> answer;
  private final int evalCount;
  final AtomicInteger chats = new AtomicInteger();

  FakeOllama(Function<String, String> answer) throws IOException {
    this(answer, 12);
  }

  /** A server whose answers report {@code evalCount} completion tokens. */
  FakeOllama(Function<String, String> answer, int evalCount) throws IOException {
    this.answer = answer;
    this.evalCount = evalCount;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/chat", this::chat);
    server.createContext(
        "/api/tags",
        ex ->
            HttpReplies.json(
                ex,
                200,
                "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}"));
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void chat(HttpExchange exchange) throws IOException {
    chats.incrementAndGet();
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    String prompt = "";
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        prompt = message.path("content").asText();
      }
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.put("model", request.path("model").asText()).put("created_at", "2026-11-25T10:00:00Z");
    reply.putObject("message").put("role", "assistant").put("content", answer.apply(prompt));
    reply.put("done", true).put("done_reason", "stop");
    reply.put("prompt_eval_count", prompt.length() / 4 + 1).put("eval_count", evalCount);
    String body = reply.toString();
    HttpReplies.json(exchange, 200, request.path("stream").asBoolean(false) ? body + "\n" : body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
