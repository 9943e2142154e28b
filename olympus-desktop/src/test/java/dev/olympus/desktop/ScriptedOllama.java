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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An in-process Ollama ({@code /api/tags} with llama3.2, {@code /api/show}, {@code /api/chat}) that
 * answers chats from a script, in order: each answer is a text or one tool call, in one NDJSON line
 * (streamed or not) with token counts. Past the script it answers HTTP 400.
 */
final class ScriptedOllama implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Deque<ObjectNode> script = new ArrayDeque<>();

  private final boolean pulled;

  /** A server with llama3.2 pulled, answering {@code messages} in order. */
  ScriptedOllama(List<ObjectNode> messages) throws IOException {
    this(messages, true);
  }

  /** A server that has no model pulled, so the router passes it by. */
  static ScriptedOllama withoutModel() throws IOException {
    return new ScriptedOllama(List.of(), false);
  }

  private ScriptedOllama(List<ObjectNode> messages, boolean pulled) throws IOException {
    this.pulled = pulled;
    script.addAll(messages);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/tags", ex -> send(ex, 200, tags(pulled)));
    server.createContext("/api/show", ex -> send(ex, 200, JSON.createObjectNode()));
    server.createContext("/api/chat", this::chat);
    server.start();
  }

  /** An assistant message with {@code text}. */
  static ObjectNode text(String text) {
    return JSON.createObjectNode().put("role", "assistant").put("content", text);
  }

  /** An assistant message calling {@code tool} with {@code arguments}. */
  static ObjectNode call(String tool, ObjectNode arguments) {
    ObjectNode message = text("");
    message
        .putArray("tool_calls")
        .addObject()
        .putObject("function")
        .put("name", tool)
        .set("arguments", arguments);
    return message;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void chat(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    ObjectNode message;
    synchronized (this) {
      message = script.poll();
    }
    if (message == null) {
      send(exchange, 400, JSON.createObjectNode().put("error", "the script has no answers"));
      return;
    }
    ObjectNode reply = JSON.createObjectNode().put("model", "llama3.2");
    reply.put("created_at", "2026-12-05T10:00:00Z").set("message", message);
    reply.put("done", true).put("done_reason", "stop");
    reply.put("prompt_eval_count", 100).put("eval_count", 20);
    send(exchange, 200, reply);
  }

  private static JsonNode tags(boolean pulled) {
    ObjectNode body = JSON.createObjectNode();
    var models = body.putArray("models");
    if (pulled) {
      models.addObject().put("name", "llama3.2:latest");
    }
    return body;
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
