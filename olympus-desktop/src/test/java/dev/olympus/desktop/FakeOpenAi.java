package dev.olympus.desktop;

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

/**
 * An in-process OpenAI-compatible server: {@code POST /v1/chat/completions} answers one text with
 * 20 prompt and 30 completion tokens, as a {@code chat.completion} or, streamed, as server-sent
 * events ending in {@code data: [DONE]}.
 */
final class FakeOpenAi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  FakeOpenAi(String answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", ex -> complete(ex, answer));
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void complete(HttpExchange exchange, String answer) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", 20);
    usage.put("completion_tokens", 30).put("total_tokens", 50);
    ObjectNode choice = JSON.createObjectNode().put("index", 0).put("finish_reason", "stop");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", answer);
    if (!request.path("stream").asBoolean(false)) {
      ObjectNode reply = header(request, "chat.completion");
      reply.putArray("choices").add(choice.set("message", message));
      send(exchange, "application/json", reply.set("usage", usage).toString());
      return;
    }
    ObjectNode chunk = header(request, "chat.completion.chunk");
    chunk.putArray("choices").add(choice.set("delta", message));
    ObjectNode last = header(request, "chat.completion.chunk");
    last.putArray("choices");
    last.set("usage", usage);
    send(
        exchange,
        "text/event-stream",
        "data: " + chunk + "\n\ndata: " + last + "\n\ndata: [DONE]\n\n");
  }

  private static ObjectNode header(JsonNode request, String object) {
    return JSON.createObjectNode()
        .put("id", "chatcmpl-desktop")
        .put("object", object)
        .put("created", 1_795_600_000L)
        .put("model", request.path("model").asText());
  }

  private static void send(HttpExchange exchange, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
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
