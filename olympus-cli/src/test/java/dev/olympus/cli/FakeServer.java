package dev.olympus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** An in-process HTTP server on a free loopback port; base of the fake model servers. */
// A fixture of this module's test-jar (examples' tests use it too), not API of the module.
@SuppressWarnings("exports")
public abstract class FakeServer implements AutoCloseable {
  protected static final ObjectMapper JSON = new ObjectMapper();

  /** Answers a JSON request with a status and a body. */
  protected interface Handler {
    Reply handle(JsonNode request) throws IOException;
  }

  /** A response: status, content type and body. */
  public record Reply(int status, String contentType, String body) {
    public static Reply json(int status, Object body) {
      return new Reply(status, "application/json", body.toString());
    }
  }

  private final HttpServer server;

  protected FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.start();
  }

  protected final void route(String path, Handler handler) {
    server.createContext(
        path,
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
          send(exchange, handler.handle(request));
        });
  }

  public final URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The text of the last user message of a chat request. */
  protected static String lastUserMessage(JsonNode request) {
    String prompt = "";
    for (JsonNode message : request.path("messages")) {
      if ("user".equals(message.path("role").asText())) {
        prompt = message.path("content").asText();
      }
    }
    return prompt;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
