package dev.olympus.tools;

import static dev.olympus.tools.TestSupport.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import dev.olympus.plan.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 exchange against peers that speak the wire format: the JDK's server (chunked bodies)
 * and a raw socket that sends a canned answer (no length, short bodies, broken heads).
 */
class HttpWireFormatTest {
  private static JsonNode get(String url, long maxBytes) {
    ToolRegistry tools =
        ToolRegistry.builder()
            .add(HttpTools.builder().allowLoopback(true).maxResponseBytes(maxBytes).build())
            .build();
    var input = JsonNodeFactory.instance.objectNode().put("url", url);
    return tools.invoke(ToolCall.of("net.http.get", input), context());
  }

  @Test
  void aChunkedBodyIsJoinedAndCutAtTheLimit() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/chunked",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (String piece : new String[] {"first ", "second ", "third"}) {
              out.write(piece.getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/chunked";
      assertEquals("first second third", get(url, 1000).get("text").asText());
      JsonNode cut = get(url, 8);
      assertEquals("first se", cut.get("text").asText());
      assertTrue(cut.get("truncated").asBoolean());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBodyWithoutALengthIsReadToTheEndOfTheConnection() throws Exception {
    String answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nhello";
    JsonNode result = withRawPeer(answer, url -> get(url, 1000));
    assertEquals("hello", result.get("text").asText());
    assertFalse(result.get("truncated").asBoolean());
  }

  @Test
  void brokenAnswersAreTypedFailures() throws Exception {
    String shortBody = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this";
    ToolExecutionException early =
        assertThrows(
            ToolExecutionException.class, () -> withRawPeer(shortBody, url -> get(url, 1000)));
    assertTrue(early.getMessage().contains("before the end of the body"), early.getMessage());
    assertTrue(early.retryable());
    ToolExecutionException malformed =
        assertThrows(
            ToolExecutionException.class,
            () -> withRawPeer("SMTP ready\r\n\r\n", url -> get(url, 1000)));
    assertTrue(malformed.getMessage().contains("malformed status line"), malformed.getMessage());
    String huge = "HTTP/1.1 200 OK\r\nX-Pad: " + "a".repeat(70_000) + "\r\n\r\n";
    ToolExecutionException head =
        assertThrows(ToolExecutionException.class, () -> withRawPeer(huge, url -> get(url, 1000)));
    assertTrue(head.getMessage().contains("response head is larger"), head.getMessage());
  }

  private interface Call {
    JsonNode at(String url);
  }

  /** Answers one connection with {@code answer} (after reading the request head), then closes. */
  private static JsonNode withRawPeer(String answer, Call call) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket socket = server.accept()) {
                  readHead(socket.getInputStream());
                  socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException closedEarly) {
                  // The client may hang up first (e.g. on a head that is too large).
                }
              });
      peer.start();
      try {
        return call.at("http://127.0.0.1:" + server.getLocalPort() + "/raw");
      } finally {
        peer.join();
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
