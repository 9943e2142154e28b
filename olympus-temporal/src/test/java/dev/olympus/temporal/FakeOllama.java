package dev.olympus.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process server speaking Ollama's {@code /api/chat} and {@code /api/tags} wire format; every
 * answer reports {@code evalCount} completion tokens.
 */
final class FakeOllama implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final int evalCount;
  private final AtomicInteger chats = new AtomicInteger();

  FakeOllama(int evalCount) throws IOException {
    this.evalCount = evalCount;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/chat", this::chat);
    server.createContext(
        "/api/tags",
        ex ->
            reply(
                ex, "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"}]}"));
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  int chats() {
    return chats.get();
  }

  private void chat(HttpExchange exchange) throws IOException {
    chats.incrementAndGet();
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    ObjectNode reply = JSON.createObjectNode();
    reply.put("model", request.path("model").asText()).put("created_at", "2026-12-05T10:00:00Z");
    reply.putObject("message").put("role", "assistant").put("content", "an answer");
    reply.put("done", true).put("done_reason", "stop");
    reply.put("prompt_eval_count", 5).put("eval_count", evalCount);
    String body = reply.toString();
    reply(exchange, request.path("stream").asBoolean(false) ? body + "\n" : body);
  }

  private static void reply(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
