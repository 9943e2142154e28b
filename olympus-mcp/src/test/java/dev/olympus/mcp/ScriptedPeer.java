package dev.olympus.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MCP server on loopback Streamable HTTP, in this JVM, whose answers each test scripts: the tool
 * list (in pages), what each tool call gets (a result, a JSON-RPC error, no answer until cancelled
 * or closed, a tools/list_changed notification first), and whether it is reachable at all. It
 * records what clients send: each request, each cancellation, each closed session.
 */
final class ScriptedPeer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** What the peer answers a {@code tools/call}, given the request. */
  interface Answer {
    /** Returns the JSON-RPC response body, or writes it itself and returns null. */
    String answer(JsonNode request, HttpExchange exchange) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, Answer> methodAnswers = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
  private final CompletableFuture<JsonNode> cancelled = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> fetched = new CopyOnWriteArrayList<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private final List<CompletableFuture<String>> sessionsClosed = new CopyOnWriteArrayList<>();
  private volatile List<List<JsonNode>> pages = List.of(List.of());
  private volatile boolean down;

  private ScriptedPeer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/mcp", this::handle);
    server.createContext("/elsewhere", this::elsewhere);
    server.setExecutor(workers);
    server.start();
  }

  static ScriptedPeer start() {
    try {
      return new ScriptedPeer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
  }

  /**
   * A URL outside the MCP endpoint (a stand-in for an internal service) whose GETs are recorded.
   */
  URI elsewhere(String path) {
    return url().resolve("/elsewhere" + path);
  }

  /** Returns the paths requested under {@link #elsewhere}, in order. */
  List<String> fetchedElsewhere() {
    return List.copyOf(fetched);
  }

  private void elsewhere(HttpExchange exchange) throws IOException {
    try (exchange) {
      fetched.add(exchange.getRequestURI().getPath());
      send(exchange, 200, "application/schema+json", "{\"type\":\"string\"}");
    }
  }

  /** Lists {@code tools} on one page. */
  ScriptedPeer tools(JsonNode... tools) {
    return pages(List.of(List.of(tools)));
  }

  /** Lists the tools page by page, each page but the last with a cursor to the next. */
  ScriptedPeer pages(List<List<JsonNode>> pages) {
    this.pages = List.copyOf(pages);
    return this;
  }

  /** Answers the calls of {@code tool} with {@code answer}; by default "ok <tool>". */
  ScriptedPeer on(String tool, Answer answer) {
    answers.put(tool, answer);
    return this;
  }

  /** Answers the requests of {@code method} (other than a tool call) with {@code answer}. */
  ScriptedPeer onMethod(String method, Answer answer) {
    methodAnswers.put(method, answer);
    return this;
  }

  /** While down, every request but a session's DELETE is answered with 503 Service Unavailable. */
  void down(boolean down) {
    this.down = down;
  }

  static ObjectNode tool(String name) {
    ObjectNode tool = JSON.createObjectNode().put("name", name).put("description", "Tool " + name);
    tool.putObject("inputSchema").put("type", "object").putObject("properties");
    return tool;
  }

  static Answer text(String text) {
    return (request, exchange) -> result(request, toolResult(text, false));
  }

  static Answer toolError(String text) {
    return (request, exchange) -> result(request, toolResult(text, true));
  }

  /** A JSON-RPC error instead of a result. */
  static Answer rpcError(int code, String message) {
    return (request, exchange) -> {
      ObjectNode response = envelope(request);
      response.putObject("error").put("code", code).put("message", message);
      return response.toString();
    };
  }

  /** Answers only once the client cancelled the call (or the peer closes), with an error. */
  Answer untilCancelled() {
    return (request, exchange) -> {
      CompletableFuture.anyOf(cancelled, closed).join();
      return rpcError(-32800, "request cancelled").answer(request, exchange);
    };
  }

  /** Never answers while the peer runs. */
  Answer never() {
    return (request, exchange) -> {
      closed.join();
      return null;
    };
  }

  /** Sends {@code notifications/tools/list_changed}, then the result, as one event stream. */
  static Answer announcingChange(String text) {
    return (request, exchange) -> {
      String changed = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}";
      String events =
          "event: message\ndata: "
              + changed
              + "\n\nevent: message\ndata: "
              + result(request, toolResult(text, false))
              + "\n\n";
      send(exchange, 200, "text/event-stream", events);
      return null;
    };
  }

  /** Completes with the {@code tools/call} request for {@code tool} once it arrived. */
  CompletableFuture<JsonNode> call(String tool) {
    return calls.computeIfAbsent(tool, name -> new CompletableFuture<>());
  }

  /** Completes with the params of the first {@code notifications/cancelled}. */
  CompletableFuture<JsonNode> cancellation() {
    return cancelled;
  }

  /** Completes when the client closed the {@code n}th session (from 1), with its id. */
  synchronized CompletableFuture<String> sessionClosed(int n) {
    while (sessionsClosed.size() < n) {
      sessionsClosed.add(new CompletableFuture<>());
    }
    return sessionsClosed.get(n - 1);
  }

  int initializations() {
    return sessions.get();
  }

  /** Returns the JSON-RPC methods received, in order. */
  List<String> methods() {
    return received.stream().map(message -> message.path("method").asText()).toList();
  }

  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      if (exchange.getRequestMethod().equals("DELETE")) {
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        sessionClosed(Integer.parseInt(session)).complete(session);
        send(exchange, 200, "text/plain", "");
      } else if (down) {
        send(exchange, 503, "text/plain", "down");
      } else if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 405, "text/plain", "");
      } else {
        post(exchange, JSON.readTree(exchange.getRequestBody()));
      }
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private void post(HttpExchange exchange, JsonNode message) throws Exception {
    received.add(message);
    String method = message.path("method").asText();
    if (!message.has("id")) {
      if (method.equals("notifications/cancelled")) {
        cancelled.complete(message.get("params"));
      }
      send(exchange, 202, "text/plain", "");
      return;
    }
    Answer scripted = methodAnswers.get(method);
    String response =
        scripted != null
            ? scripted.answer(message, exchange)
            : switch (method) {
              case "initialize" -> initialize(message, exchange);
              case "tools/list" -> list(message);
              case "tools/call" -> call(message, exchange);
              default -> result(message, JSON.createObjectNode());
            };
    if (response != null) {
      send(exchange, 200, "application/json", response);
    }
  }

  private String initialize(JsonNode request, HttpExchange exchange) {
    exchange.getResponseHeaders().set("Mcp-Session-Id", "" + sessions.incrementAndGet());
    ObjectNode result = JSON.createObjectNode();
    result.put("protocolVersion", request.at("/params/protocolVersion").asText());
    result.putObject("capabilities").putObject("tools").put("listChanged", true);
    result.putObject("serverInfo").put("name", "scripted").put("version", "1");
    return result(request, result);
  }

  private String list(JsonNode request) {
    List<List<JsonNode>> all = pages;
    int page = request.at("/params/cursor").asInt(0);
    ObjectNode result = JSON.createObjectNode();
    result.putArray("tools").addAll(all.get(page));
    if (page + 1 < all.size()) {
      result.put("nextCursor", String.valueOf(page + 1));
    }
    return result(request, result);
  }

  private String call(JsonNode request, HttpExchange exchange) throws Exception {
    String name = request.at("/params/name").asText();
    call(name).complete(request);
    Answer answer = answers.getOrDefault(name, text("ok " + name));
    return answer.answer(request, exchange);
  }

  static ObjectNode toolResult(String text, boolean error) {
    ObjectNode result = JSON.createObjectNode().put("isError", error);
    ArrayNode content = result.putArray("content");
    content.addObject().put("type", "text").put("text", text);
    return result;
  }

  private static ObjectNode envelope(JsonNode request) {
    ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
    response.set("id", request.get("id"));
    return response;
  }

  private static String result(JsonNode request, JsonNode result) {
    ObjectNode response = envelope(request);
    response.set("result", result);
    return response.toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    closed.complete(null);
    server.stop(0);
    workers.shutdownNow();
  }
}
